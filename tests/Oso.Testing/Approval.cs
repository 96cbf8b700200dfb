using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oso.Testing;

/// <summary>
/// Approval of a published contract (an OpenAPI document): what the running service serves must equal the approved file
/// next to the test. When it changes on purpose, review <c>NAME.received.json</c> and copy it over <c>NAME.approved.json</c>.
/// </summary>
public static class Approval
{
    /// <summary>An OpenAPI document as the approved file holds it: indented, without <c>servers</c> (they hold this run's port).</summary>
    public static string OpenApi(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Fails, writing <c>NAME.received.json</c> beside the approved file, when <paramref name="received"/> differs from <c>NAME.approved.json</c>.</summary>
    public static void Verify(string received, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(received);
        var approvedPath = Path.Combine(directory, name + ".approved.json");
        var receivedPath = Path.Combine(directory, name + ".received.json");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (approved.ReplaceLineEndings("\n") != received)
        {
            File.WriteAllText(receivedPath, received);
            Assert.Fail($"The document changed; review {receivedPath} and copy it over {approvedPath} when the change is intended.");
        }
        if (File.Exists(receivedPath)) File.Delete(receivedPath);
    }
}
