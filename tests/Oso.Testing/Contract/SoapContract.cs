using Oso.Protocol.Contract;

namespace Oso.Testing.Contract;

/// <summary>
/// Validates whole SOAP messages against the published XSD (src/Oso.Protocol/Contract) with xmllint, through a
/// SOAP 1.1 envelope schema narrowed to OpenOSO's profile (soap11-envelope-oso.xsd, next to this file): the body's
/// OSO element and the fault detail are validated strictly.
/// </summary>
public static class SoapContract
{
    private static readonly Lazy<string> EnvelopeSchema = new(Prepare);

    /// <summary>xmllint's verdict on one SOAP message (request, response or fault) as it went over the wire.</summary>
    public static XmllintVerdict Validate(byte[] soapMessage)
    {
        if (!Xmllint.Available) Assert.Skip("xmllint is not installed (apt: libxml2-utils); ./test.sh installs it.");
        return Xmllint.ValidateAgainst(soapMessage, EnvelopeSchema.Value);
    }

    private static string Prepare()
    {
        var directory = Directory.CreateTempSubdirectory("oso-contract-").FullName;
        File.WriteAllBytes(Path.Combine(directory, OsoContract.XsdName), OsoContract.File(OsoContract.XsdName)!);
        var envelope = Path.Combine(directory, "soap11-envelope-oso.xsd");
        using (var resource = typeof(SoapContract).Assembly.GetManifestResourceStream("Oso.Testing.Contract.soap11-envelope-oso.xsd")!)
        using (var file = File.Create(envelope))
            resource.CopyTo(file);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return envelope;
    }
}
