using Microsoft.AspNetCore.Mvc;
using Oso.School.Privacy;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// Deleting a pupil's data on request (AVG art. 17), for the school's beheerder: with a reason and a confirmation, and
/// refused, with the reason in Dutch, where the law requires keeping it (<see cref="PupilDeletion"/>).
/// </summary>
public sealed class VerwijderenModel(DossierOverview overview, PupilDeletion deletion) : PortalPageModel
{
    /// <summary>The pupil.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>The pupil's name.</summary>
    public string Naam { get; private set; } = "";

    /// <summary>Why deleting is not allowed now; null when it is.</summary>
    public string? Weigering { get; private set; }

    /// <summary>Form: the reason's code.</summary>
    [BindProperty] public string? Reden { get; set; }

    /// <summary>Form: the confirmation.</summary>
    [BindProperty] public string? Bevestig { get; set; }

    /// <inheritdoc />
    protected override bool BeheerderOnly => true;

    /// <inheritdoc />
    protected override string Titel => "Gegevens van een leerling verwijderen";

    /// <summary>Shows what will be deleted, or why it cannot be.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Deletes, when the reason is chosen and the deletion confirmed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!DeletionReasons.Known(Reden)) Errors.Add("reden-" + DeletionReasons.All[0].Code, "Kies waarom de gegevens worden verwijderd.");
        if (Bevestig != "ja") Errors.Add("bevestig", "Bevestig dat alle gegevens van deze leerling definitief worden verwijderd.");
        if (Errors.None)
        {
            switch (await deletion.DeleteAsync(Brin, Id, Reden!, Staff.Actor, HttpContext.RequestAborted))
            {
                case DeletionResult.Deleted:
                    Bericht = "Alle gegevens van de leerling zijn verwijderd. In het auditlog staat alleen dat en waarom dat gebeurde.";
                    return Naar("/dossiers");
                case DeletionResult.Refused refused:
                    Errors.Add("verwijderen", refused.Reason);
                    break;
                default:
                    return NotFound();
            }
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var detail = await overview.PupilAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (detail is null) return false;
        Naam = string.IsNullOrWhiteSpace(detail.Row.Identity.Naam) ? "(naam onbekend)" : detail.Row.Identity.Naam;
        Weigering = await deletion.RefusalAsync(Brin, Id, HttpContext.RequestAborted);
        return true;
    }
}
