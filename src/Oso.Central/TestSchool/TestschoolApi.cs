using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Oso.Central.TrafficCenter;
using Oso.Hosting.Contract;
using Oso.Hosting.Listeners;
using Oso.Protocol.Contract;

namespace Oso.Central.TestSchool;

/// <summary>The test school's SOAP endpoint (protocol listener) and its list of test pupils (public).</summary>
internal static class TestschoolApi
{
    public static WebApplication MapTestschool(this WebApplication app)
    {
        app.MapPost(Testschool.Pad, (HttpContext context, TestschoolService school) => SoapEndpoint.HandleAsync(context, school.HandleAsync))
            .OnProtocolListener().ExcludeFromDescription();
        app.MapOsoContract(Testschool.Pad, OsoDienst.Aanleverpunt).OnProtocolListener().ExcludeFromDescription();
        app.MapGet("/api/testschool/leerlingen", () => TestLeerlingen.Alle).WithTags("Testschool")
            .WithSummary("De vaste testleerlingen van testschool 00YY (synthetisch) en wat de testschool voor elk antwoordt.");
        return app;
    }
}
