namespace Oso.Protocol.Results;

/// <summary>
/// The <c>resultaat</c> codes of the exchange. The member names are the wire values. See <see cref="Resultaten"/>
/// for the Dutch description, who must act and the ranking used for the beste resultaat.
/// </summary>
public enum ResultaatCode
{
    /// <summary>The dossier was delivered (public).</summary>
    OverdrachtGeslaagd,

    /// <summary>Not changed since the aanvraagdatum (our reconstruction).</summary>
    LeerlinginfoNietGewijzigd,

    /// <summary>No parental inzage or (VO) consent yet (public).</summary>
    LeerlinginfoNietOpvraagbaar,

    /// <summary>No dossier released (public).</summary>
    LeerlinginfoNietBeschikbaar,

    /// <summary>The released dossier's gegevensset version is not supported (our reconstruction).</summary>
    VersieNietOndersteund,

    /// <summary>binnen-BRIN with different BRINs, or the dossier is not meant for this doel (public; widened by us).</summary>
    GeenRelatieMetDoel,

    /// <summary>The bron does not know this pupil (our reconstruction).</summary>
    LeerlingOnbekend,

    /// <summary>The request does not match the session (public).</summary>
    SessieAfwijkend,

    /// <summary>The doel aanleverpunt does not match the session (public).</summary>
    OnbekendAanleverpunt,

    /// <summary>The doel already sent the afmelding for this session (public).</summary>
    SessieReedsAfgemeld,

    /// <summary>The session is older than the Traffic Center keeps sessions open (our reconstruction).</summary>
    SessieVerlopen,

    /// <summary>
    /// The calling system (its client certificate) is not the one the message must come from: not the system that
    /// opened the session, or not the system that manages the sending aanleverpunt (our reconstruction).
    /// </summary>
    SysteemNietBevoegd,

    /// <summary>The bron school (BRIN) is not known to the Traffic Center (public).</summary>
    VerstrekkerNietBekend,

    /// <summary>The bron school has no active aanleverpunt (our reconstruction).</summary>
    GeenActiefAanleverpunt,

    /// <summary>The requesting school or its system is not qualified (our reconstruction).</summary>
    NietGekwalificeerd,

    /// <summary>The requesting school's board has not mandated the calling system (our reconstruction).</summary>
    GeenMandaat,

    /// <summary>The request is incomplete or inconsistent (our reconstruction).</summary>
    OngeldigVerzoek,

    /// <summary>A technical failure at the answering side, or the aanleverpunt could not be reached (our reconstruction).</summary>
    TechnischeFout,

    /// <summary>Acknowledgement of a notificatie (public).</summary>
    NotificatieOntvangen,

    /// <summary>Acknowledgement of an afmelding (our reconstruction).</summary>
    AfmeldingOntvangen,

    /// <summary>Acknowledgement of a terugkoppeling (our reconstruction).</summary>
    TerugkoppelingOntvangen,
}

/// <summary>Who must act on a result, so both schools can see why a transfer failed.</summary>
public enum Betrokkene
{
    /// <summary>Nobody: the outcome is final and good.</summary>
    Niemand,

    /// <summary>The sending school (bron).</summary>
    Bronschool,

    /// <summary>The requesting school (doel).</summary>
    Doelschool,

    /// <summary>The operator: the supplier of a school system or the Traffic Center's beheer.</summary>
    Beheerder,
}

/// <summary>Whether an item follows the public sources or is our reconstruction.</summary>
public enum Herkomst
{
    /// <summary>Named in the public Kennisnet documentation.</summary>
    Publiek,

    /// <summary>Our decision, documented in docs/protocol.md.</summary>
    Reconstructie,
}
