namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    private static readonly (string Identity, Policy? Role)[] PageIdentities =
    [
        ("geen", null), ("zonder tweestaps", null), ("beheerder", Policy.Beheerder), ("school (eigen)", Policy.School), ("bestuur", Policy.Bestuur),
        ("leverancier", Policy.Leverancier),
    ];

    private void CentralPages()
    {
        var sessie = p.Open.Id.Value;
        foreach (var path in new[] { "/", "/scholen", "/aanmelden", "/inloggen" }) CentralPage(path, path, Policy.Public);
        // the second sign-in step and signing out mean nothing without a sign-in: back to the first step
        foreach (var path in new[] { "/inloggen/code", "/uitloggen" })
            Add(Key(Central, "PAGE", path), Key(Central, "PAGE", path), "geen", Expect.Redirect("/inloggen"), ct => p.Anonymous.GetAsync(CentralUrl(path), ct), writes: false);
        Add(Key(Central, "PAGE", "/geen-toegang"), Key(Central, "PAGE", "/geen-toegang"), "geen", Expect.Status(403), ct => p.Anonymous.GetAsync(CentralUrl("/geen-toegang"), ct), writes: false);
        CentralPage("/tweestaps", "/tweestaps", Policy.SignedIn);

        CentralPage("/mijn-oso", "/mijn-oso", Policy.School);
        CentralPage("/mijn-oso/kwalificatie", "/mijn-oso/kwalificatie", Policy.School);
        CentralPage("/mijn-oso/kwalificatie/datalekken", "/mijn-oso/kwalificatie/{code}", Policy.School, post: "verklaring");
        CentralPage("/mijn-oso/aansluiting", "/mijn-oso/aansluiting", Policy.School);
        CentralPage("/mijn-oso/overdrachten", "/mijn-oso/overdrachten", Policy.School);
        CentralPage($"/mijn-oso/overdrachten/{sessie}", "/mijn-oso/overdrachten/{id:guid}", Policy.School);
        var crossKey = Key(Central, "PAGE", "/mijn-oso/overdrachten/{id:guid}");
        Add(crossKey, crossKey, "andere school", Expect.Status(404), ct => p.Portal["andere school"].GetAsync(CentralUrl($"/mijn-oso/overdrachten/{p.CrossSession.Value}"), ct), writes: false);

        CentralPage("/bestuur", "/bestuur", Policy.Bestuur, post: "beeindigen");
        CentralPage("/leverancier", "/leverancier", Policy.Leverancier);
        CentralPage("/beheer", "/beheer", Policy.Beheerder);
        CentralPage("/beheer/accounts", "/beheer/accounts", Policy.Beheerder, post: "verifieren");
        CentralPage("/beheer/accounts/tweestaps", "/beheer/accounts/tweestaps", Policy.Beheerder, post: "");
        CentralPage("/beheer/bewijzen", "/beheer/bewijzen", Policy.Beheerder);
        CentralPage($"/beheer/bewijzen/{Guid.NewGuid()}", "/beheer/bewijzen/{id:guid}", Policy.Beheerder, post: "");
        CentralPage("/beheer/scholen", "/beheer/scholen", Policy.Beheerder);
        CentralPage("/beheer/scholen/91PO", "/beheer/scholen/{brin}", Policy.Beheerder, post: "intrekken");
        CentralPage("/beheer/sessies", "/beheer/sessies", Policy.Beheerder);
        CentralPage($"/beheer/sessies/{sessie}", "/beheer/sessies/{id:guid}", Policy.Beheerder);
        CentralPage("/beheer/systemen", "/beheer/systemen", Policy.Beheerder);
        CentralPage("/beheer/systemen/openoso-demo", "/beheer/systemen/{id}", Policy.Beheerder, post: "intrekken");
    }

    /// <summary>
    /// One portal page: no one → the sign-in page (with the way back), signed in without two-step verification → the
    /// enrolment page, another role → "geen toegang", its own role → the page. A page with a form is also posted to by
    /// every identity that may not use it (with the fields a real form would send): the same refusal, nothing changed.
    /// </summary>
    private void CentralPage(string path, string route, Policy policy, string? post = null)
    {
        var key = Key(Central, "PAGE", route);
        var url = CentralUrl(path);
        foreach (var (identity, role) in PageIdentities)
        {
            if (policy == Policy.Public && identity != "geen") continue;
            var expect = policy switch
            {
                Policy.Public => Expect.Ok,
                _ when identity == "geen" => Expect.Redirect("/inloggen"),
                Policy.SignedIn => Expect.Ok,
                _ when identity == "zonder tweestaps" => Expect.Redirect("/tweestaps"),
                _ when role == policy => Expect.Ok,
                _ => Expect.Redirect("/geen-toegang"),
            };
            var wire = identity == "geen" ? p.Anonymous : p.Portal[identity];
            Add(key, key, identity, expect, ct => wire.GetAsync(url, ct), writes: false);
            if (post is not null && expect is Expect.Refused)
            {
                var action = new Uri(url + (post.Length == 0 ? "" : "?handler=" + post));
                Add(key, key, identity + " (formulier)", expect, ct => wire.SendAsync(HttpMethod.Post, action,
                    Wire.Form(new Dictionary<string, string>
                    {
                        ["id"] = "api-zonder-tweestaps@matrix.example", ["email"] = "api-beheerder-@matrix.example", ["reden"] = "matrix", ["goedgekeurd"] = "true",
                        ["identiteit"] = "video", ["toelichting"] = "matrix",
                    }, null), ct), writes: true);
            }
        }
        AddTls(key, key, HttpMethod.Get, url, () => null);
    }
}
