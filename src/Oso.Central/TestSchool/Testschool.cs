namespace Oso.Central.TestSchool;

/// <summary>
/// The built-in test school: BRIN 00YY, run by Central itself on the protocol listener. It answers documentRequests
/// like a real bron (sessiecontrole included) with fixed outcomes per test pupil, so a supplier system can qualify
/// by a test exchange.
/// </summary>
public static class Testschool
{
    /// <summary>The test school's BRIN.</summary>
    public const string Brin = "00YY";

    /// <summary>Its name.</summary>
    public const string Naam = "OSO Testschool";

    /// <summary>The board it belongs to.</summary>
    public const string BestuurId = "oso-test";

    /// <summary>The system that runs it (Central itself).</summary>
    public const string SysteemId = "oso-testschool";

    /// <summary>Its aanleverpunt (doel OV).</summary>
    public const string RouteringsKenmerk = "0000000700000YY00001";

    /// <summary>The path of its SOAP endpoint on the protocol listener.</summary>
    public const string Pad = "/oso/testschool";
}
