using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Oso.Central.Accounts;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.Tests.Portal;
using Oso.Testing;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Api;

/// <summary>
/// Every endpoint of Central that takes a body (management API and portal forms, found through the endpoint data
/// source) gets empty and malformed bodies from a stranger, from each role and from a signed-in portal session: never a
/// 5xx, a 401 for a stranger before the body is read, a located Dutch 400 problem for what cannot be read, and no
/// error or stack trace in the log.
/// </summary>
public sealed class ErrorDisciplineTests(SqliteCentral f, ITestOutputHelper output) : IClassFixture<SqliteCentral>, IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly Parties _parties = new(f);
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task No_endpoint_answers_an_empty_or_malformed_body_with_a_server_error()
    {
        var system = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(system);
        var callers = new List<(string Name, HttpClient Http, Func<string>? FormToken)>
        {
            ("anoniem", Own(ApiClient.For(f)).Http, null),
            ("beheerder", (await ApiAsync(Rol.Beheerder, null)).Http, null),
            ("school", (await ApiAsync(Rol.School, school.Brin)).Http, null),
            ("bestuur", (await ApiAsync(Rol.Bestuur, Parties.Bestuur)).Http, null),
            ("leverancier", (await ApiAsync(Rol.Leverancier, system.Id)).Http, null),
        };
        var portal = Own(PortaalClient.For(f));
        var email = $"portaal-{Guid.NewGuid():N}@fouten.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Portaal", Wachtwoord, Rol.Beheerder, null), Ct)).Zeker;
        await portal.InloggenAsync(email, Wachtwoord);
        var token = PortaalClient.Token((await portal.GetAsync("/uitloggen")).Html);
        callers.Add(("portaalsessie", portal.Http, () => token));

        var targets = HostileRequests.Targets(f.Central.Services, (name, constraint) => constraint switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "1",
            _ => name.ToLowerInvariant() switch
            {
                "brin" => school.Brin,
                "onderdeel" => "datalekken",
                _ => "onbekend",
            },
        }).Where(t => !t.Path.StartsWith("/oso/", StringComparison.Ordinal)).ToList(); // the protocol listener: SOAP, its own rules
        Assert.Contains(targets, t => t.Api);
        Assert.Contains(targets, t => t.Page);
        var logStart = f.Logs.Lines.Count;
        var failures = new List<string>();
        var counts = new Dictionary<int, int>();
        foreach (var target in targets)
            foreach (var (bodyName, body) in HostileRequests.Bodies)
                foreach (var (caller, http, formToken) in callers)
                {
                    if (formToken is null && !target.Api && target.Page && caller != "anoniem") continue; // bearer tokens do not open pages
                    using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path) { Content = body() };
                    if (formToken is not null) request.Headers.Add("RequestVerificationToken", formToken());
                    using var response = await http.SendAsync(request, Ct);
                    var status = (int)response.StatusCode;
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                    var text = await response.Content.ReadAsStringAsync(Ct);
                    if (status >= 500) failures.Add($"{target} [{bodyName}, {caller}] → {status}: {text[..Math.Min(200, text.Length)]}");
                    else if (target.Api && caller == "anoniem" && !target.Path.StartsWith("/api/account/", StringComparison.Ordinal)
                             && status is not (401 or 415)) // 415: routing compares the Content-Type header with what the endpoint accepts; nothing is read
                        failures.Add($"{target} [{bodyName}, anoniem] → {status}, verwacht 401 vóór het lezen van de inhoud");
                    else if (target.Api && status == 400)
                    {
                        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonSerializer.Deserialize<JsonElement>(text) : default;
                        if (problem.ValueKind != JsonValueKind.Object || !problem.TryGetProperty("title", out var title) || title.GetString() != "Ongeldig verzoek"
                            || !problem.TryGetProperty("detail", out var detail) || string.IsNullOrEmpty(detail.GetString()))
                            failures.Add($"{target} [{bodyName}, {caller}] → 400 zonder Nederlands probleem: {text[..Math.Min(200, text.Length)]}");
                    }
                }
        output.WriteLine($"{targets.Count} endpoints × {HostileRequests.Bodies.Count} inhouden × {callers.Count} bellers: "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures.OrderByDescending(f => f.Contains("→ 5", StringComparison.Ordinal)).Take(40)));

        // what a production log (warnings and up) would hold: no error, and no stack trace
        var serious = f.Logs.Lines.Skip(logStart).Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal)
            || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(!serious.Any(l => !l.StartsWith("Warning ", StringComparison.Ordinal) || l.Contains("\n   at ", StringComparison.Ordinal)),
            string.Join("\n", serious.Take(5)));
    }

    [Fact]
    public async Task A_malformed_field_is_named_in_the_problem()
    {
        var api = Own(ApiClient.For(f));
        using var missing = await api.Http.PostAsJsonAsync("/api/account/inloggen", new { email = "a@b.nl" }, Ct);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("$.wachtwoord", problem.GetProperty("locatie").GetString());
        Assert.Contains("wachtwoord", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var nullValue = await api.Http.PostAsync("/api/account/inloggen", new StringContent("{\"email\": null, \"wachtwoord\": \"x\"}", System.Text.Encoding.UTF8, "application/json"), Ct);
        var nullProblem = await nullValue.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, nullValue.StatusCode);
        Assert.Equal("Het veld 'email' mag niet leeg zijn.", nullProblem.GetProperty("detail").GetString());

        using var wrongType = await api.Http.PostAsync("/api/account/inloggen", new StringContent("{\"email\": [], \"wachtwoord\": \"x\"}", System.Text.Encoding.UTF8, "application/json"), Ct);
        var typeProblem = await wrongType.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("$.email", typeProblem.GetProperty("locatie").GetString());
    }

    private async Task<ApiClient> ApiAsync(Rol rol, string? scope)
    {
        var email = $"{rol.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@fouten.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Test " + rol, Wachtwoord, rol, scope), Ct)).Zeker;
        var c = Own(ApiClient.For(f));
        await c.LoginWithTwoFactorAsync(email, Wachtwoord);
        return c;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var o in _owned) o.Dispose();
        _parties.Dispose();
    }
}
