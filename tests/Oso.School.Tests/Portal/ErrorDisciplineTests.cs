using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>
/// Every endpoint of the node that takes a body (LAS API and portal forms, found through the endpoint data source) gets
/// empty and malformed bodies from a stranger, from the school's LAS, from another school's LAS and from a signed-in
/// staff member: never a 5xx, a 401 for a stranger before the body is read, a Dutch 400 problem for what the API cannot
/// read, and no error or stack trace in the log.
/// </summary>
public sealed class ErrorDisciplineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_endpoint_answers_an_empty_or_malformed_body_with_a_server_error()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, new FakeTimeProvider(new DateTimeOffset(2027, 3, 22, 7, 30, 0, TimeSpan.Zero)));
        await node.DeliverAsync(PortalNode.Po, "povo-akkoord");
        var (_, ownKey) = await node.Node.Admin.CreateLasClientAsync(PortalNode.Po, "LAS van de school");
        var (_, otherKey) = await node.Node.Admin.CreateLasClientAsync(PortalNode.Vo, "LAS van een andere school");
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoBeheerder);
        var token = PortalClient.Token((await staff.GetAsync($"/scholen/{PortalNode.Po}/medewerkers")).Html);

        using var anonymous = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // the node's development certificate
            AllowAutoRedirect = false,
        }) { BaseAddress = node.Node.PortalUrl };
        var callers = new List<(string Name, Func<HttpRequestMessage, Task<HttpResponseMessage>> Send)>
        {
            ("anoniem", r => anonymous.SendAsync(r)),
            ("eigen LAS", r => { r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ownKey); return anonymous.SendAsync(r); }),
            ("andere LAS", r => { r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", otherKey); return anonymous.SendAsync(r); }),
            ("medewerker", r => { r.Headers.Add("RequestVerificationToken", token); return staff.SendRawAsync(r); }),
        };
        var targets = HostileRequests.Targets(node.Node.Services, (name, constraint) => constraint switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "400",
            _ => name.ToLowerInvariant() switch
            {
                "brin" => PortalNode.Po,
                "lasid" => "LAS-povo-akkoord",
                "code" => "400",
                _ => "onbekend",
            },
        }).Where(t => !t.Path.StartsWith("/oso/", StringComparison.Ordinal)).ToList(); // the protocol listener: SOAP, its own rules
        Assert.Contains(targets, t => t.Api);
        Assert.Contains(targets, t => t.Page);

        var logStart = node.Logs.Lines.Count;
        var failures = new List<string>();
        var counts = new Dictionary<int, int>();
        foreach (var target in targets)
            foreach (var (bodyName, body) in HostileRequests.Bodies)
                foreach (var (caller, send) in callers)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path) { Content = body() };
                    using var response = await send(request);
                    var status = (int)response.StatusCode;
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                    var text = await response.Content.ReadAsStringAsync();
                    if (status >= 500) failures.Add($"{target} [{bodyName}, {caller}] → {status}: {text[..Math.Min(200, text.Length)]}");
                    else if (target.Api && caller == "anoniem" && status is not (401 or 415))
                        failures.Add($"{target} [{bodyName}, anoniem] → {status}, verwacht 401 vóór het lezen van de inhoud");
                    else if (target.Api && caller == "andere LAS" && status is not (403 or 415))
                        failures.Add($"{target} [{bodyName}, andere LAS] → {status}, verwacht 403 vóór het lezen van de inhoud");
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
        var serious = node.Logs.Lines.Skip(logStart).Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal)
            || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(!serious.Any(l => !l.StartsWith("Warning ", StringComparison.Ordinal) || l.Contains("\n   at ", StringComparison.Ordinal)),
            string.Join("\n", serious.Take(5)));
    }
}
