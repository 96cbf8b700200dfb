using System.Security.Cryptography;
using System.Text;
using Oso.School.Crypto;
using Oso.School.Tenancy;

namespace Oso.School.Tests.Crypto;

public sealed class PupilDataProtectorTests : IAsyncLifetime
{
    private TestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _services = await TestServices.CreateAsync(Oso.Testing.DatabaseProvider.Sqlite);
        var admin = _services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Test PO", "PO", "Utrecht");
        await admin.AddSchoolAsync("01AB", "Test VO", "VO", "Utrecht");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private PupilDataProtector Protector => _services.Get<PupilDataProtector>();

    [Fact]
    public void Data_encrypted_for_a_record_decrypts_only_for_that_school_and_record()
    {
        var blob = Protector.ProtectText("00YY", "Daan van de Berg", "pupil:1");

        Assert.Equal("Daan van de Berg", Protector.UnprotectText("00YY", blob, "pupil:1"));
        Assert.DoesNotContain("Berg", Encoding.UTF8.GetString(blob));
        Assert.ThrowsAny<CryptographicException>(() => Protector.UnprotectText("00YY", blob, "pupil:2"));
        Assert.ThrowsAny<CryptographicException>(() => Protector.UnprotectText("01AB", blob, "pupil:1"));
    }

    [Fact]
    public void A_changed_byte_is_detected()
    {
        var blob = Protector.ProtectText("00YY", "geheim", "x");
        blob[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Protector.UnprotectText("00YY", blob, "x"));
    }

    [Fact]
    public void Encrypting_the_same_value_twice_gives_different_ciphertexts()
    {
        Assert.NotEqual(Protector.ProtectText("00YY", "269326728", "x"), Protector.ProtectText("00YY", "269326728", "x"));
    }

    [Fact]
    public void Blind_indexes_are_stable_per_school_and_reveal_nothing()
    {
        var a = Protector.BlindIndex("00YY", "pgn", "269326728");

        Assert.Equal(a, Protector.BlindIndex("00YY", "pgn", "269326728"));
        Assert.NotEqual(a, Protector.BlindIndex("01AB", "pgn", "269326728"));
        Assert.NotEqual(a, Protector.BlindIndex("00YY", "las", "269326728"));
        Assert.DoesNotContain("269326728", a);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void A_data_key_wrapped_for_one_school_does_not_unwrap_for_another()
    {
        using var master = MasterKey.LoadOrCreate(Path.Combine(_services.DataDirectory, "other"));
        var wrapped = master.Wrap(RandomNumberGenerator.GetBytes(32), "00YY", 1);

        Assert.ThrowsAny<CryptographicException>(() => master.Unwrap(wrapped, "01AB", 1));
        Assert.ThrowsAny<CryptographicException>(() => master.Unwrap(wrapped, "00YY", 2));
        Assert.Equal(32, master.Unwrap(wrapped, "00YY", 1).Length);
    }

    [Fact]
    public void The_development_master_key_file_is_readable_by_its_owner_only()
    {
        var directory = Path.Combine(_services.DataDirectory, "keys-test");
        using var _ = MasterKey.LoadOrCreate(directory);

        var mode = File.GetUnixFileMode(Path.Combine(directory, "master.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
