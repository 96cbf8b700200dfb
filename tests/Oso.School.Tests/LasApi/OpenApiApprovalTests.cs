using System.Net;
using System.Runtime.CompilerServices;
using Oso.School.Tests.Portal;
using Oso.Testing;

namespace Oso.School.Tests.LasApi;

/// <summary>
/// The LAS API's contract, which LAS vendors build against: the node's OpenAPI document must equal the approved one,
/// so a change to a route, body or answer is a reviewed change. When it changes on purpose, review
/// <c>openapi.received.json</c> and copy it over <c>openapi.approved.json</c>.
/// </summary>
public sealed class OpenApiApprovalTests
{
    [Fact]
    public async Task The_LAS_API_openapi_document_equals_the_approved_one()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        using var client = node.Client();

        var answer = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var received = Approval.OpenApi(answer.Html);
        Approval.Verify(received, SourceDirectory(), "openapi");
        Assert.Contains("/api/v1/scholen/{brin}/aanmeldingen/{id}/aanvragen", received, StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", received, StringComparison.Ordinal);
        Assert.DoesNotContain("/oso/", received, StringComparison.Ordinal); // the SOAP aanleverpunten are no part of it
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
