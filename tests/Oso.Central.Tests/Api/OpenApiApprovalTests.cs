using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Oso.Central.Tests.Infrastructure;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Api;

/// <summary>
/// The management API's contract: the OpenAPI document must equal the approved one. When it changes on purpose,
/// review <c>openapi.received.json</c> and copy it over <c>openapi.approved.json</c>.
/// </summary>
public sealed class OpenApiApprovalTests(SqliteCentral f) : IClassFixture<SqliteCentral>
{
    [Fact]
    public async Task The_openapi_document_equals_the_approved_one()
    {
        using var client = ApiClient.For(f);
        var document = JsonNode.Parse(await client.Http.GetStringAsync("/openapi/v1.json", Ct))!.AsObject();
        document.Remove("servers"); // holds the port of this run
        var received = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        var approvedPath = Path.Combine(SourceDirectory(), "openapi.approved.json");
        var receivedPath = Path.Combine(SourceDirectory(), "openapi.received.json");
        var approved = File.Exists(approvedPath) ? await File.ReadAllTextAsync(approvedPath, Ct) : "";
        if (approved.ReplaceLineEndings("\n") != received)
        {
            await File.WriteAllTextAsync(receivedPath, received, Ct);
            Assert.Fail($"The OpenAPI document changed; review {receivedPath} and copy it over {approvedPath} when the change is intended.");
        }
        if (File.Exists(receivedPath)) File.Delete(receivedPath);
        Assert.Contains("/api/mijnoso/sessies/{id}", received);
        Assert.DoesNotContain("/oso/tc", received);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
