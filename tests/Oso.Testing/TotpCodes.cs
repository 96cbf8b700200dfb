using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Oso.Testing;

/// <summary>
/// Codes from an authenticator app, for tests that sign in: both hosts accept each time step once per account, so
/// every code comes from a step not used before for its key. On a fake clock the clock moves on to the next step; on
/// the real clock the call waits for it.
/// </summary>
public static class TotpCodes
{
    private static readonly ConcurrentDictionary<string, long> LastStep = new(StringComparer.Ordinal);

    /// <summary>A fresh code on a fake clock (moved to the next 30-second step when this key used the current one).</summary>
    public static string Next(string key, FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (Step(now) <= LastStep.GetValueOrDefault(key))
        {
            time.Advance(TimeSpan.FromSeconds(30 - now.ToUnixTimeSeconds() % 30) + TimeSpan.FromMilliseconds(200));
            now = time.GetUtcNow();
        }
        LastStep[key] = Step(now);
        return Compute(key, now);
    }

    /// <summary>A fresh code on the real clock (waits for the next step when this key used the current one).</summary>
    public static async Task<string> NextAsync(string key, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (time is FakeTimeProvider fake) return Next(key, fake);
        while (true)
        {
            var now = time.GetUtcNow();
            if (Step(now) > LastStep.GetValueOrDefault(key))
            {
                LastStep[key] = Step(now);
                return Compute(key, now);
            }
            await Task.Delay(TimeSpan.FromSeconds(30 - now.ToUnixTimeSeconds() % 30) + TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The code of the current step, used or not (to prove a code is refused the second time).</summary>
    public static string Current(string key, TimeProvider time) => Compute(key, (time ?? TimeProvider.System).GetUtcNow());

    private static long Step(DateTimeOffset now) => now.ToUnixTimeSeconds() / 30;

    private static string Compute(string key, DateTimeOffset now) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(now.UtcDateTime);
}
