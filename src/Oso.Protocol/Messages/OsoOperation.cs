namespace Oso.Protocol.Messages;

/// <summary>The operations of the OSO exchange (OSO.md §6).</summary>
public enum OsoOperation
{
    /// <summary>doel → TC: ask a session for one dossier.</summary>
    Overdracht,

    /// <summary>doel → bron aanleverpunt: ask the dossier.</summary>
    Document,

    /// <summary>bron → TC: check a documentRequest against its session.</summary>
    Sessiecontrole,

    /// <summary>doel → TC: close the session with the beste resultaat.</summary>
    Afmelding,

    /// <summary>bron → TC: announce a notificatie (OV: a newer dossier; SWV: gets a koppelsleutel).</summary>
    MeldenNotificatie,

    /// <summary>bron → doel: the notificatie itself.</summary>
    Notificatie,

    /// <summary>SWV → TC: announce a terugkoppeling.</summary>
    MeldenTerugkoppeling,

    /// <summary>SWV → school: the terugkoppeling document.</summary>
    Terugkoppeling,

    /// <summary>any → TC: list active aanleverpunten.</summary>
    OverzichtAanleverpunt,
}

/// <summary>Element names of the operations.</summary>
public static class OsoOperations
{
    /// <summary>All operations.</summary>
    public static IReadOnlyList<OsoOperation> Alle { get; } = Enum.GetValues<OsoOperation>();

    /// <summary>The request element's local name, e.g. <c>sessiecontroleRequest</c>.</summary>
    public static string RequestElement(this OsoOperation operation) => Stam(operation) + "Request";

    /// <summary>The response element's local name, e.g. <c>sessiecontroleResponse</c>.</summary>
    public static string ResponseElement(this OsoOperation operation) => Stam(operation) + "Response";

    private static string Stam(OsoOperation operation) => operation switch
    {
        OsoOperation.Overdracht => "overdracht",
        OsoOperation.Document => "document",
        OsoOperation.Sessiecontrole => "sessiecontrole",
        OsoOperation.Afmelding => "afmelding",
        OsoOperation.MeldenNotificatie => "meldenNotificatie",
        OsoOperation.Notificatie => "notificatie",
        OsoOperation.MeldenTerugkoppeling => "meldenTerugkoppeling",
        OsoOperation.Terugkoppeling => "terugkoppeling",
        OsoOperation.OverzichtAanleverpunt => "overzichtAanleverpunt",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
