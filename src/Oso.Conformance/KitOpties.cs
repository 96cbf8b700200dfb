using System.Security.Cryptography.X509Certificates;

namespace Oso.Conformance;

/// <summary>The PGNs the kit asks a bron for, one per outcome (defaults: the test pupils of test school 00YY).</summary>
/// <param name="Geleverd">Released, seen by the parents: the bron delivers.</param>
/// <param name="NietBeschikbaar">Known, not released: LeerlinginfoNietBeschikbaar.</param>
/// <param name="NietOpvraagbaar">Released without inzage or consent: LeerlinginfoNietOpvraagbaar; null to skip (a PO bron that cannot release without inzage).</param>
/// <param name="Onbekend">Not known to the bron: LeerlingOnbekend.</param>
public sealed record TestPgns(string Geleverd, string NietBeschikbaar, string? NietOpvraagbaar, string Onbekend)
{
    /// <summary>The fixed pupils of test school 00YY (docs/central.md §4).</summary>
    public static TestPgns Testschool { get; } = new("999991000", "999991565", "999991632", "999991772");
}

/// <summary>What the kit asks a doel under test to do: request a dossier from the test school.</summary>
/// <param name="Pgn">The pupil.</param>
/// <param name="BronBrin">The school to ask (the test school, 00YY).</param>
/// <param name="AlleenGewijzigdSinds">Ask only for a dossier changed since this moment (the aanvraagdatum), or null.</param>
/// <param name="Omschrijving">Dutch: which test case this is.</param>
public sealed record DoelAanvraag(string Pgn, string BronBrin, DateTimeOffset? AlleenGewijzigdSinds, string Omschrijving);

/// <summary>Makes the doel under test request a dossier (through its LAS, a command, or a person following instructions).</summary>
public interface IDoelAansturing
{
    /// <summary>Starts the request; returns once it has been handed to the doel (the kit then watches the Traffic Center).</summary>
    Task VraagAanAsync(DoelAanvraag aanvraag, CancellationToken cancellationToken);
}

/// <summary>What one run of the kit needs.</summary>
public sealed record KitOpties
{
    /// <summary>The role tested.</summary>
    public required ConformanceRol Rol { get; init; }

    /// <summary>The SOAP endpoint tested: a Traffic Center (tc) or an aanleverpunt (bron, doel).</summary>
    public required Uri Target { get; init; }

    /// <summary>The kit's system certificate with its private key (tc, bron: a doel system registered at the Traffic Center; doel: the doel system's own).</summary>
    public required X509Certificate2 Certificaat { get; init; }

    /// <summary>Trust anchors for server certificates; empty: the operating system's store.</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; init; } = [];

    /// <summary>The Traffic Center (bron, doel). For tc it is the target.</summary>
    public Uri? TrafficCenter { get; init; }

    /// <summary>Central's portal (doel): where the kit reads the traces of the doel's sessions with its certificate.</summary>
    public Uri? Register { get; init; }

    /// <summary>tc, bron: the doel aanleverpunt the kit's system runs. doel: the target's routeringskenmerk (else looked up by URL).</summary>
    public string? DoelAanleverpunt { get; init; }

    /// <summary>tc: a bron aanleverpunt the kit's system also runs (optional scenarios). bron: the target's routeringskenmerk (else looked up by URL).</summary>
    public string? BronAanleverpunt { get; init; }

    /// <summary>tc: an aanleverpunt the kit's system runs for a school that is not qualified (optional scenario).</summary>
    public string? OngekwalificeerdAanleverpunt { get; init; }

    /// <summary>tc: an aanleverpunt the kit's system runs for a school whose board gave it no mandate (optional scenario).</summary>
    public string? ZonderMandaatAanleverpunt { get; init; }

    /// <summary>bron: a second registered system's certificate, to present a session of the first (optional scenario).</summary>
    public X509Certificate2? AnderCertificaat { get; init; }

    /// <summary>bron: the test pupils.</summary>
    public TestPgns Pgns { get; init; } = TestPgns.Testschool;

    /// <summary>doel: how the doel is made to request dossiers; null skips those scenarios.</summary>
    public IDoelAansturing? Aansturing { get; init; }

    /// <summary>doel: how long to wait for the doel to finish one request.</summary>
    public TimeSpan Wacht { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time for one call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock.</summary>
    public TimeProvider Tijd { get; init; } = TimeProvider.System;
}
