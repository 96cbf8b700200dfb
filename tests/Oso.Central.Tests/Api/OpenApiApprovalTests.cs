using System.Runtime.CompilerServices;
using Oso.Central.Tests.Infrastructure;
using Oso.Testing;
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
        var received = Approval.OpenApi(await client.Http.GetStringAsync("/openapi/v1.json", Ct));

        Approval.Verify(received, SourceDirectory(), "openapi");
        Assert.Contains("/api/mijnoso/sessies/{id}", received);
        Assert.DoesNotContain("/oso/tc", received);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
