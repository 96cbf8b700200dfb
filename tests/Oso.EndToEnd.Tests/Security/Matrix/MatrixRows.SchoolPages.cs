namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    private void SchoolPages()
    {
        var (po, vo) = (p.Chain.State.Po.Brin, p.Chain.State.Vo.Brin);
        var a = p.PupilA.Id;
        Add(Key(School, "PAGE", "/"), Key(School, "PAGE", "/"), "geen", Expect.Redirect("/inloggen"), ct => p.Anonymous.GetAsync(SchoolUrl("/"), ct), writes: false);
        foreach (var path in new[] { "/inloggen", "/uitloggen", "/ouders" })
        {
            var key = Key(School, "PAGE", path);
            Add(key, key, "geen", Expect.Ok, ct => p.Anonymous.GetAsync(SchoolUrl(path), ct), writes: false);
        }
        Add(Key(School, "PAGE", "/inloggen/code"), Key(School, "PAGE", "/inloggen/code"), "geen", Expect.Redirect("/inloggen"),
            ct => p.Anonymous.GetAsync(SchoolUrl("/inloggen/code"), ct), writes: false);
        Add(Key(School, "PAGE", "/fout/{code:int}"), Key(School, "PAGE", "/fout/{code:int}"), "geen", Expect.Ok,
            ct => p.Anonymous.GetAsync(SchoolUrl("/fout/403"), ct), writes: false);

        // the primary school's pages (bron)
        StaffPage($"/scholen/{po}", "/scholen/{brin}", bron: true);
        StaffPage($"/scholen/{po}/dossiers", "/scholen/{brin}/dossiers", bron: true);
        StaffPage($"/scholen/{po}/dossiers/{a}", "/scholen/{brin}/dossiers/{id:guid}", bron: true, handlers: ["vrijgeven", "inzage", "link", "intrekken"]);
        StaffPage($"/scholen/{po}/dossiers/{a}/bewerken", "/scholen/{brin}/dossiers/{id:guid}/bewerken", bron: true, handlers: ["leerling", "verzuim"]);
        // deleting a pupil's data on request: the school's beheerder only (the form, posted by anyone else, deletes nothing)
        StaffPage($"/scholen/{po}/dossiers/{a}/verwijderen", "/scholen/{brin}/dossiers/{id:guid}/verwijderen", bron: true, handlers: [""], beheerderOnly: true);
        StaffPage($"/scholen/{po}/dossiers/{a}/bijlagen/0", "/scholen/{brin}/dossiers/{id:guid}/bijlagen/{n:int}", bron: true);
        // the worklist: the confirmation of a bulk action (a GET goes back to the list) and a bulk job's progress page
        StaffPage($"/scholen/{po}/werklijst/actie", "/scholen/{brin}/werklijst/actie", bron: true, handlers: ["", "bevestigen"]);
        StaffPage($"/scholen/{po}/werklijst/{p.PoBulkJob}", "/scholen/{brin}/werklijst/{taak:guid}", bron: true);
        StaffPage($"/scholen/{po}/verzoeken", "/scholen/{brin}/verzoeken", bron: true);
        // the SWV flow (issue 15): the school's SWV dossiers and the terugkoppelingen received; the SWV's dossier page with the
        // terugkoppeling form (its own staff of another school get 404 for an id that is not theirs)
        var nobody = Guid.NewGuid();
        StaffPage($"/scholen/{po}/swv", "/scholen/{brin}/swv", bron: true);
        // choosing the SWV for a pupil's dossier (the list comes from Central's register, asked as the school's system)
        StaffPage($"/scholen/{po}/dossiers/{a}/swv", "/scholen/{brin}/dossiers/{id:guid}/swv", bron: true, handlers: [""]);
        StaffPage($"/scholen/{po}/swv/{nobody}", "/scholen/{brin}/swv/{id:guid}", bron: true, handlers: ["", "opnieuw"]);
        StaffPage($"/scholen/{po}/swv/terugkoppelingen/{nobody}", "/scholen/{brin}/swv/terugkoppelingen/{id:guid}", bron: true);
        StaffPage($"/scholen/{po}/medewerkers", "/scholen/{brin}/medewerkers", bron: true, handlers: ["toevoegen", "verwijderen", "tweestaps"], beheerderOnly: true);
        // the secondary school's pages (doel)
        StaffPage($"/scholen/{vo}/aanmeldingen", "/scholen/{brin}/aanmeldingen", bron: false);
        StaffPage($"/scholen/{vo}/aanmeldingen/nieuw", "/scholen/{brin}/aanmeldingen/nieuw", bron: false, handlers: [""]);
        StaffPage($"/scholen/{vo}/aanmeldingen/lijst", "/scholen/{brin}/aanmeldingen/lijst", bron: false, handlers: ["controleren", "bevestigen"]);
        StaffPage($"/scholen/{vo}/aanmeldingen/{p.VoAanmelding}", "/scholen/{brin}/aanmeldingen/{id:guid}", bron: false, handlers: [""]);
        StaffPage($"/scholen/{vo}/aanvragen/{p.VoRequest}", "/scholen/{brin}/aanvragen/{id:guid}", bron: false);
        StaffPage($"/scholen/{vo}/ontvangen", "/scholen/{brin}/ontvangen", bron: false);
        StaffPage($"/scholen/{vo}/ontvangen/{p.VoReceived}", "/scholen/{brin}/ontvangen/{id:guid}", bron: false, handlers: [""]);
        StaffPage($"/scholen/{vo}/ontvangen/{p.VoReceived}/bijlagen/0", "/scholen/{brin}/ontvangen/{id:guid}/bijlagen/{n:int}", bron: false);

        // staff of one school, the other school's object under their own BRIN: not found
        StaffScoped($"/scholen/{vo}/dossiers/{a}", "/scholen/{brin}/dossiers/{id:guid}", p.VoMedewerker);
        StaffScoped($"/scholen/{vo}/dossiers/{a}/bewerken", "/scholen/{brin}/dossiers/{id:guid}/bewerken", p.VoMedewerker);
        StaffScoped($"/scholen/{vo}/dossiers/{a}/swv", "/scholen/{brin}/dossiers/{id:guid}/swv", p.VoMedewerker);
        StaffScoped($"/scholen/{po}/aanmeldingen/{p.VoAanmelding}", "/scholen/{brin}/aanmeldingen/{id:guid}", p.PoMedewerker);
        StaffScoped($"/scholen/{po}/aanvragen/{p.VoRequest}", "/scholen/{brin}/aanvragen/{id:guid}", p.PoMedewerker);
        StaffScoped($"/scholen/{po}/ontvangen/{p.VoReceived}", "/scholen/{brin}/ontvangen/{id:guid}", p.PoMedewerker);
        StaffScoped($"/scholen/{vo}/dossiers/{a}/bijlagen/0", "/scholen/{brin}/dossiers/{id:guid}/bijlagen/{n:int}", p.VoMedewerker);
        StaffScoped($"/scholen/{po}/ontvangen/{p.VoReceived}/bijlagen/0", "/scholen/{brin}/ontvangen/{id:guid}/bijlagen/{n:int}", p.PoMedewerker);
        StaffScoped($"/scholen/{vo}/werklijst/{p.PoBulkJob}", "/scholen/{brin}/werklijst/{taak:guid}", p.VoMedewerker);
        AccessDownloadForStaff();
    }

    /// <summary>
    /// The access downloads (GET handlers): on the pupil's page at the bron, on the aanmelding's page at the doel. The
    /// school's own staff only, never another school's (also not with the object under their own BRIN).
    /// </summary>
    private void AccessDownloadForStaff()
    {
        var (po, vo) = (p.Chain.State.Po.Brin, p.Chain.State.Vo.Brin);
        var a = p.PupilA;
        AccessDownload("/scholen/{brin}/dossiers/{id:guid}", $"/scholen/{po}/dossiers/{a.Id}", $"/scholen/{vo}/dossiers/{a.Id}", p.PoMedewerker, p.VoMedewerker);
        AccessDownload("/scholen/{brin}/aanmeldingen/{id:guid}", $"/scholen/{vo}/aanmeldingen/{p.VoAanmelding}", $"/scholen/{po}/aanmeldingen/{p.VoAanmelding}",
            p.VoMedewerker, p.PoMedewerker);
    }

    private void AccessDownload(string route, string path, string scopedPath, Wire own, Wire other)
    {
        var a = p.PupilA;
        var key = Key(School, "PAGE", route);
        var url = SchoolUrl(path + "?handler=gegevens");
        Add(key, key, "medewerker (eigen school) (download)", Expect.Ok, ct => own.GetAsync(url, ct), writes: false, mayShow: [a.Achternaam, a.Pgn.Value]);
        Add(key, key, "medewerker andere school (download)", Expect.Status(403), ct => other.GetAsync(url, ct), writes: false);
        Add(key, key, "ouders (eigen link) (download)", Expect.Redirect("/inloggen"), ct => p.ParentA.GetAsync(url, ct), writes: false);
        Add(key, key, "geen (download)", Expect.Redirect("/inloggen"), ct => p.Anonymous.GetAsync(url, ct), writes: false);
        Add(key, key, "medewerker, object van andere school (download)", Expect.Status(404),
            ct => other.GetAsync(SchoolUrl(scopedPath + "?handler=gegevens"), ct), writes: false);
    }

    /// <summary>
    /// One staff page: no one (also a LAS key or a parents' session: not a staff sign-in) → the sign-in page, staff of the
    /// other school → 403, a medewerker on a beheerder's page → 403, the school's own staff → the page. Its forms posted
    /// by every identity that may not use them (with that identity's own form token): the same refusal, nothing changed.
    /// </summary>
    private void StaffPage(string path, string route, bool bron, string[]? handlers = null, bool beheerderOnly = false)
    {
        var key = Key(School, "PAGE", route);
        var url = SchoolUrl(path);
        var own = bron ? p.PoMedewerker : p.VoMedewerker;
        var other = bron ? p.VoMedewerker : p.PoMedewerker;
        var cells = new List<(string Identity, Wire Wire, Expect Expect)>
        {
            ("geen", p.Anonymous, Expect.Redirect("/inloggen")),
            ("LAS-sleutel (eigen)", bron ? p.LasPo : p.LasVo, Expect.Redirect("/inloggen")),
            ("ouders (eigen link)", p.ParentA, Expect.Redirect("/inloggen")),
            ("medewerker andere school", other, Expect.Status(403)),
            ("medewerker (eigen school)", own, beheerderOnly ? Expect.Status(403) : Expect.Ok),
        };
        if (bron) cells.Add(("beheerder (eigen school)", p.PoBeheerder, Expect.Ok));
        foreach (var (identity, wire, expect) in cells)
        {
            Add(key, key, identity, expect, ct => wire.GetAsync(url, ct), writes: false);
            if (expect is not Expect.Refused) continue;
            foreach (var handler in handlers ?? [])
            {
                var action = new Uri(url + (handler.Length == 0 ? "" : "?handler=" + handler));
                Add(key, key, $"{identity} (formulier{(handler.Length == 0 ? "" : " " + handler)})", expect, async ct =>
                {
                    // the identity's own form token (from its own start page), so the refusal is about who it is, not a missing token
                    var token = wire.Cookies is null ? null : await wire.FormTokenAsync(SchoolUrl(wire == p.PoMedewerker || wire == p.PoBeheerder
                        ? $"/scholen/{p.Chain.State.Po.Brin}/dossiers/{p.PupilA.Id}" : $"/scholen/{p.Chain.State.Vo.Brin}/aanmeldingen/nieuw"), ct);
                    return await wire.SendAsync(HttpMethod.Post, action, Wire.Form(new Dictionary<string, string>
                    {
                        ["email"] = "indringer@matrix.example", ["naam"] = "Indringer", ["rol"] = "Beheerder", ["optOut"] = "Verzuim", ["inzagedatum"] = "2026-03-01",
                        ["akkoord"] = "Ja", ["pgn"] = p.PupilB.Pgn.Value, ["geboortedatum"] = "2014-01-01", ["bronBrin"] = p.Chain.State.Po.Brin,
                        ["gebruiker"] = "indringer", ["identiteit"] = "video", ["toelichting"] = "matrix",
                    }, token), ct);
                }, writes: true);
            }
        }
        AddTls(key, key, HttpMethod.Get, url, () => null);
    }

    private void StaffScoped(string path, string route, Wire wire)
    {
        var key = Key(School, "PAGE", route);
        Add(key, key, "medewerker, object van andere school", Expect.Status(404), ct => wire.GetAsync(SchoolUrl(path), ct), writes: false);
    }

    private void ParentPages()
    {
        var key = Key(School, "PAGE", "/ouders/dossier");
        var url = SchoolUrl("/ouders/dossier");
        var (a, b) = (p.PupilA, p.PupilB);
        Add(key, key, "ouders (eigen link)", Expect.Ok, ct => p.ParentA.GetAsync(url, ct), writes: false, mayShow: [a.Achternaam, a.Pgn.Value]);
        // the holder of another pupil's link sees that pupil, never this one
        Add(key, key, "ouders andere leerling", new Expect.Refused($"200, alleen het eigen kind (niet {a.LasId})",
            o => o.Status == 200 && !o.Body.Contains(a.Achternaam, StringComparison.Ordinal) && o.Body.Contains(b.Achternaam, StringComparison.Ordinal)),
            ct => p.ParentB.GetAsync(url, ct), writes: false, mayShow: [b.Achternaam, b.Pgn.Value]);
        Add(key, key, "geen", Expect.Redirect("/ouders"), ct => p.Anonymous.GetAsync(url, ct), writes: false);
        Add(key, key, "medewerker (eigen school)", Expect.Redirect("/ouders"), ct => p.PoMedewerker.GetAsync(url, ct), writes: false);
        foreach (var (identity, wire) in new[] { ("geen (formulier)", p.AnonymousBrowser), ("medewerker (eigen school) (formulier)", p.PoMedewerker) })
            Add(key, key, identity, Expect.Redirect("/ouders"), async ct => await wire.SendAsync(HttpMethod.Post, url,
                Wire.Form(new Dictionary<string, string> { ["akkoord"] = "Nee", ["zienswijze"] = "matrix" }, await wire.FormTokenAsync(SchoolUrl("/ouders"), ct)), ct), writes: true);
        AddTls(key, key, HttpMethod.Get, url, () => null);

        // the access download (everything about the child, as a ZIP): the own child only; never for staff or without a link
        var download = SchoolUrl("/ouders/dossier?handler=gegevens");
        Add(key, key, "ouders (eigen link) (download)", Expect.Ok, ct => p.ParentA.GetAsync(download, ct), writes: false, mayShow: [a.Achternaam, a.Pgn.Value]);
        Add(key, key, "ouders andere leerling (download)", new Expect.Refused($"200, alleen het eigen kind (niet {a.LasId})",
            o => o.Status == 200 && o.Body.Contains("gegevens.json", StringComparison.Ordinal) && !o.Body.Contains(a.Achternaam, StringComparison.Ordinal)
                && o.Body.Contains(b.Achternaam, StringComparison.Ordinal)),
            ct => p.ParentB.GetAsync(download, ct), writes: false, mayShow: [b.Achternaam, b.Pgn.Value]);
        Add(key, key, "geen (download)", Expect.Redirect("/ouders"), ct => p.Anonymous.GetAsync(download, ct), writes: false);
        Add(key, key, "medewerker (eigen school) (download)", Expect.Redirect("/ouders"), ct => p.PoMedewerker.GetAsync(download, ct), writes: false);
        Add(key, key, "verlopen link (download)", Expect.Redirect("/ouders"), ct => p.ParentExpiring.GetAsync(download, ct), writes: false, late: true);

        // after the link expired (the clock moved 15 days): the open session ends and the code no longer opens anything
        Add(key, key, "verlopen link", Expect.Redirect("/ouders"), ct => p.ParentExpiring.GetAsync(url, ct), writes: false, late: true);
        var openKey = Key(School, "PAGE", "/ouders");
        Add(openKey, openKey, "verlopen link (code)", new Expect.Refused("200 \"verlopen\", geen sessie", o => o.Status == 200 && o.Body.Contains("verlopen", StringComparison.Ordinal)),
            async ct =>
            {
                using var fresh = new Wire("verlopen link", p.Validator, cookies: true);
                var token = await fresh.FormTokenAsync(SchoolUrl("/ouders"), ct);
                var posted = await fresh.SendAsync(HttpMethod.Post, SchoolUrl("/ouders"), Wire.Form(new Dictionary<string, string> { ["code"] = p.ExpiringLinkToken }, token), ct);
                var after = await fresh.GetAsync(url, ct);
                return after.Location == "/ouders" ? posted : after; // a session would have let it in
            }, writes: true, late: true);
    }
}
