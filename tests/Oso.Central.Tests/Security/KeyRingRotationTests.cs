using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Oso.Central.Accounts;
using Oso.Central.Tests.Api;
using Oso.Central.Tests.Infrastructure;
using Oso.Hosting.KeyRing;

namespace Oso.Central.Tests.Security;

/// <summary>Central's data-protection ring (sign-in tokens, cookies, antiforgery) rotated between two runs of the host.</summary>
public sealed class KeyRingRotationTests : IAsyncLifetime
{
    private const string Wachtwoord = "Sleutel-Rotatie-2026!";
    private readonly string _data = Directory.CreateTempSubdirectory("oso-ring-").FullName;

    // the host's clock, so a fresh TOTP code needs no wait for the next 30-second step
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private CentralHandle? _central;

    private CentralHandle Central => _central!;

    private async Task StartAsync() => _central = await CentralHost.StartAsync(new CentralOptions
    {
        DataDirectory = _data, PortalPort = 0, ProtocolPort = 0, TimeProvider = _time, Logging = l => l.SetMinimumLevel(LogLevel.Warning),
    });

    private async Task StopAsync()
    {
        if (_central is not null) await _central.DisposeAsync();
        _central = null;
    }

    private ApiClient Client() => ApiClient.For(Central, _time);

    // a token is a data-protection payload: 4 bytes of magic header, then the id of the key that protected it
    private static Guid KeyOf(string token) => new(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '='))[4..20]);

    [Fact]
    public async Task Rotating_the_ring_signs_nobody_out_new_tokens_use_the_new_key_and_only_the_new_certificate_remains()
    {
        await StartAsync();
        var email = $"beheer-{Guid.NewGuid():N}@oso.example";
        _ = (await Central.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheerder", Wachtwoord, Rol.Beheerder, null), Tc.Ct)).Zeker;
        var before = Client();
        await before.LoginWithTwoFactorAsync(email, Wachtwoord);
        var oldToken = before.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var running = await Assert.ThrowsAsync<InvalidOperationException>(RotateAsync);
        Assert.Contains("draait nog", running.Message);
        var beforeRotation = await RingAsync();

        await StopAsync();
        var rotated = await RotateAsync();
        await StartAsync();

        Assert.True(rotated.Rewrapped >= 1);
        Assert.Equal(1, rotated.RetiredCertificates);
        var still = Client();
        still.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        Assert.Equal(200, (await still.GetAsync("/api/beheer/sessies")).Status);
        var after = Client();
        (await after.LoginAsync(email, Wachtwoord, before.TotpKey)).EnsureSuccessStatusCode();
        var newToken = after.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.NotEqual(rotated.NewKey, KeyOf(oldToken));
        Assert.Equal(rotated.NewKey, KeyOf(newToken));
        Assert.Equal(200, (await after.GetAsync("/api/beheer/sessies")).Status);

        var keys = KeyRingRotation.KeysDirectory(_data);
        var certificate = Assert.Single(Directory.GetFiles(keys, "key-encryption*.crt.pem"));
        Assert.Single(Directory.GetFiles(keys, "key-encryption*.key.pem"));
        using var loaded = X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(File.ReadAllText(certificate)).RawData);
        Assert.Equal(rotated.CertificateSha256, loaded.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        // the ring is in the database: every key it held is still there, re-wrapped under the new certificate, and one new key
        Assert.Empty(Directory.GetFiles(keys, "key-*.xml"));
        var ring = await RingAsync();
        Assert.Equal(beforeRotation.Count + 1, ring.Count);
        Assert.Equal(beforeRotation.Count, rotated.Rewrapped);
        Assert.All(beforeRotation.Keys, name => Assert.NotEqual(beforeRotation[name], ring[name]));
        Assert.All(ring.Values, xml => Assert.Contains(Convert.ToBase64String(loaded.RawData), xml));
        Assert.All(ring.Values, xml => Assert.DoesNotContain("<masterKey", xml));
    }

    private async Task<KeyRingRotated> RotateAsync()
    {
        await using var admin = await CentralAdmin.OpenAsync(new CentralOptions { DataDirectory = _data }, "test", Tc.Ct);
        return await admin.RotateKeyRingAsync(Tc.Ct);
    }

    // the DataProtectionKeys rows by friendly name (SQLite: the host's default database in the data folder)
    private async Task<Dictionary<string, string>> RingAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data, "central.db")};Pooling=False");
        await connection.OpenAsync(Tc.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FriendlyName, Xml FROM DataProtectionKeys";
        var ring = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(Tc.Ct);
        while (await reader.ReadAsync(Tc.Ct)) ring[reader.GetString(0)] = reader.GetString(1);
        return ring;
    }
}
