using System.Security.Cryptography;
using System.Text;
using Oso.Protocol.Identifiers;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Tests.Identifiers;

public class ZoeksleutelTests
{
    private static readonly Pgn Pgn = Pgn.Parse("111222333");

    [Fact]
    public void The_same_pgn_and_key_give_the_same_zoeksleutel()
    {
        var geheim = ZoeksleutelGeheim.Nieuw();

        Assert.Equal(Zoeksleutel.Bereken(Pgn, geheim), Zoeksleutel.Bereken(Pgn, geheim));
        Assert.True(Zoeksleutel.Bereken(Pgn, geheim).HoortBij(Pgn, geheim));
    }

    [Fact]
    public void Another_key_gives_another_zoeksleutel()
    {
        Assert.NotEqual(Zoeksleutel.Bereken(Pgn, ZoeksleutelGeheim.Nieuw()), Zoeksleutel.Bereken(Pgn, ZoeksleutelGeheim.Nieuw()));
    }

    [Fact]
    public void Another_pgn_gives_another_zoeksleutel()
    {
        var geheim = ZoeksleutelGeheim.Nieuw();

        Assert.NotEqual(Zoeksleutel.Bereken(Pgn, geheim), Zoeksleutel.Bereken(Pgn.Parse("123456782"), geheim));
    }

    [Fact]
    public void The_zoeksleutel_is_base64_of_hmac_sha256_of_the_pgn_digits()
    {
        var geheim = ZoeksleutelGeheim.Nieuw();
        var key = Convert.FromBase64String(geheim.ToBase64());

        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("111222333")));

        Assert.Equal(expected, Zoeksleutel.Bereken(Pgn, geheim).ToBase64());
        Assert.Equal(44, expected.Length);
    }

    [Fact]
    public void Equality_uses_the_constant_time_comparison()
    {
        var calls = CallsIn(Zoeksleutel.Vergelijking.Method);
        Assert.Contains(calls, m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals));
    }

    [Fact]
    public void The_key_round_trips_through_base64_and_never_shows_itself()
    {
        var geheim = ZoeksleutelGeheim.Nieuw();

        Assert.True(ZoeksleutelGeheim.TryParse(geheim.ToBase64(), out var back));
        Assert.Equal(geheim, back);
        Assert.DoesNotContain(geheim.ToBase64(), geheim.ToString());
        Assert.False(ZoeksleutelGeheim.TryParse(Convert.ToBase64String(new byte[16]), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bm90IGJhc2U2NA")]
    [InlineData("****")]
    public void Malformed_zoeksleutels_are_refused(string s)
    {
        Assert.False(Zoeksleutel.TryParse(s, out _));
    }

    [Fact]
    public void A_long_zoeksleutel_of_another_scheme_is_still_carried()
    {
        var legacy = Convert.ToBase64String(RandomNumberGenerator.GetBytes(128));

        Assert.True(Zoeksleutel.TryParse(legacy, out var z));
        Assert.Equal(legacy, z.ToBase64());
    }

    /// <summary>The methods called by <paramref name="method"/>'s IL (call and callvirt only; enough for a one-line lambda).</summary>
    private static List<System.Reflection.MethodBase> CallsIn(System.Reflection.MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var calls = new List<System.Reflection.MethodBase>();
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) continue; // call, callvirt
            try
            {
                var resolved = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1));
                if (resolved is not null) calls.Add(resolved);
            }
            catch (ArgumentException)
            {
                // not a method token at this offset
            }
        }
        return calls;
    }
}
