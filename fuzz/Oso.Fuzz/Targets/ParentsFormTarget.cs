using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Oso.School.Parents;

namespace Oso.Fuzz.Targets;

/// <summary>
/// The parents' reaction form (<c>POST /ouders/dossier</c>, form-urlencoded) as the page reads it: the framework's form
/// reader, model binding of the four fields (the first value; empty or white space binds as null), then
/// <see cref="ParentLinks.CheckAnswer"/>, <see cref="ParentLinks.ToInzage"/> and what recording the inzage does (check,
/// draft with the inzage, writer, validator) — for a PO school (akkoord) and a VO school (consent) alike. Documented
/// refusals: an <see cref="InvalidDataException"/> from the form reader (a form over its limits: 400) and each check's
/// refusal value.
/// </summary>
internal sealed class ParentsFormTarget : FuzzTarget
{
    public override string Name => "parents-form";

    public override string Description => "the parents' reaction form: form reader, binding, CheckAnswer, ToInzage, the inzage written and validated";

    public override string Dictionary => "form";

    public override void Run(byte[] input)
    {
        Dictionary<string, StringValues> form;
        try
        {
            using var reader = new FormReader(new MemoryStream(input, writable: false));
            form = reader.ReadFormAsync().GetAwaiter().GetResult();
        }
        catch (InvalidDataException)
        {
            return;
        }
        var fields = new Dictionary<string, StringValues>(form, StringComparer.OrdinalIgnoreCase);
        var answer = new ParentAnswer(Bind(fields, "Akkoord"), Bind(fields, "Zienswijze"), Bind(fields, "Toestemming"), Bind(fields, "GegevenDoor"));
        foreach (var consent in new[] { false, true })
        {
            if (ParentLinks.CheckAnswer(answer, consent) is not null) continue;
            LasJsonTarget.Inzage(ParentLinks.ToInzage(answer, consent, LasJsonTarget.Draft.Inzage, new DateOnly(2026, 3, 20)));
        }
    }

    private static string? Bind(Dictionary<string, StringValues> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources)
    {
        foreach (var (name, form) in new[]
        {
            ("po-ja", "Akkoord=Ja&__RequestVerificationToken=CfDJ8abc"),
            ("po-nee", "Akkoord=Nee&Zienswijze=Wij+vinden+het+advies+te+laag%2E%0D%0AGroet%2C+%C3%A9%C3%A9n+ouder"),
            ("vo-ouders", "Toestemming=Ja&GegevenDoor=ouders&Akkoord="),
            ("vo-leerling", "Toestemming=Nee&GegevenDoor=leerling&Akkoord=Ja&Akkoord=Nee"),
            ("leeg", ""),
        })
            yield return (name + ".form", Encoding.UTF8.GetBytes(form));
    }
}
