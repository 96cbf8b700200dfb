using Oso.Hosting.Configuration;

namespace Oso.School;

/// <summary>What a node needs of its settings before it starts: every problem, named by its setting, in Dutch.</summary>
internal static class SchoolSettingsCheck
{
    public static IEnumerable<SettingProblem> Problems(SchoolOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DataDirectory)) yield return new(nameof(o.DataDirectory), "ontbreekt.");
        foreach (var (name, port) in new[] { (nameof(o.PortalPort), o.PortalPort), (nameof(o.ProtocolPort), o.ProtocolPort) })
            if (port is < 0 or > 65535) yield return new(name, $"{port} is geen poort (0 tot en met 65535).");
        if (o.PortalPort != 0 && o.PortalPort == o.ProtocolPort) yield return new(nameof(o.ProtocolPort), "is dezelfde poort als PortalPort.");
        if (o.TrafficCenterUrl is null) yield return new(nameof(o.TrafficCenterUrl), "ontbreekt: het SOAP-adres van het Traffic Center, bijvoorbeeld https://tc.example.nl/oso/tc.");
        foreach (var (name, url) in new[]
        {
            (nameof(o.TrafficCenterUrl), o.TrafficCenterUrl), (nameof(o.RevocationListUrl), o.RevocationListUrl),
            (nameof(o.PublicProtocolUrl), o.PublicProtocolUrl), (nameof(o.PublicPortalUrl), o.PublicPortalUrl),
            (nameof(o.RegisterListUrl), o.RegisterListUrl),
        })
        {
            if (url is not null && url.Scheme != Uri.UriSchemeHttps) yield return new(name, $"'{url}' is geen https-adres.");
        }
        foreach (var (name, file) in new[] { (nameof(o.SystemCertificate), o.SystemCertificate), (nameof(o.SystemKey), o.SystemKey) })
        {
            if (string.IsNullOrWhiteSpace(file)) yield return new(name, "ontbreekt: het systeemcertificaat van de node en zijn sleutel (PEM).");
            else if (!File.Exists(file)) yield return new(name, $"het bestand {file} bestaat niet.");
        }
        for (var i = 0; i < o.TrustAnchors.Count; i++)
            if (!File.Exists(o.TrustAnchors[i])) yield return new($"{nameof(o.TrustAnchors)}:{i}", $"het bestand {o.TrustAnchors[i]} bestaat niet.");
        var server = (o.ServerCertificate is not null, o.ServerKey is not null);
        if (server == (false, false) && o.DevelopmentCaDirectory is null)
            yield return new(nameof(o.ServerCertificate), "ontbreekt: geef ServerCertificate en ServerKey (of, alleen in ontwikkeling, DevelopmentCaDirectory).");
        else if (server is (true, false) or (false, true))
            yield return new(server.Item1 ? nameof(o.ServerKey) : nameof(o.ServerCertificate), "ontbreekt: servercertificaat en -sleutel horen bij elkaar.");
        foreach (var (name, file) in new[] { (nameof(o.ServerCertificate), o.ServerCertificate), (nameof(o.ServerKey), o.ServerKey) })
            if (file is not null && !File.Exists(file)) yield return new(name, $"het bestand {file} bestaat niet.");
        if (server is (true, true) && o.TrustAnchors.Count == 0)
            yield return new(nameof(o.TrustAnchors), "ontbreekt: met een eigen servercertificaat horen ook de vertrouwde basiscertificaten (PEM).");
        if (!string.IsNullOrEmpty(o.MasterKey) && !IsKey(o.MasterKey))
            yield return new(nameof(o.MasterKey), "is geen sleutel van 32 bytes in base64 (maak er een met: head -c 32 /dev/urandom | base64).");
        foreach (var (name, span) in new[]
        {
            (nameof(o.ParentLinkLifetime), o.ParentLinkLifetime),
            (nameof(o.TrafficCenterCheckInterval), o.TrafficCenterCheckInterval), ("Outbox:Lease", o.Outbox.Lease),
            ("Outbox:PollInterval", o.Outbox.PollInterval), ("Outbox:FirstBackoff", o.Outbox.FirstBackoff), ("Outbox:MaxBackoff", o.Outbox.MaxBackoff),
            ("KeyRotation:CurrentKeyRefresh", o.KeyRotation.CurrentKeyRefresh), ("KeyRotation:Grace", o.KeyRotation.Grace),
        })
        {
            if (span <= TimeSpan.Zero) yield return new(name, "moet langer dan nul zijn.");
        }
        if (o.Outbox.Lease > TimeSpan.Zero && o.Outbox.Lease < TimeSpan.FromSeconds(3))
            yield return new("Outbox:Lease", "moet minstens 3 seconden zijn (de claim wordt elk derde ervan verlengd).");
        if (o.ParentLinkReminder < TimeSpan.Zero || o.ParentLinkReminder >= o.ParentLinkLifetime)
            yield return new(nameof(o.ParentLinkReminder), "moet nul (geen herinnering) of korter dan ParentLinkLifetime zijn.");
        if (o.StaffDigestTime < TimeSpan.Zero || o.StaffDigestTime >= TimeSpan.FromDays(1))
            yield return new(nameof(o.StaffDigestTime), "is een tijd op de dag, van 00:00:00 tot 23:59:59 (Nederlandse tijd).");
        if (o.AuditAnchorInterval != TimeSpan.Zero && o.AuditAnchorInterval < TimeSpan.FromMinutes(1))
            yield return new(nameof(o.AuditAnchorInterval), "is nul (alleen op verzoek verankeren) of minstens één minuut.");
        if (o.Outbox.MaxAttempts < 1) yield return new("Outbox:MaxAttempts", "moet minstens 1 zijn.");
        if (o.Outbox.Workers is < 1 or > 64) yield return new("Outbox:Workers", "moet 1 tot en met 64 zijn.");
        if (o.KeyRotation.Grace <= o.KeyRotation.CurrentKeyRefresh)
            yield return new("KeyRotation:Grace", "moet langer zijn dan KeyRotation:CurrentKeyRefresh: pas daarna schrijft geen instantie meer met een oudere sleutel.");
        if (o.KeyRotation.BatchSize < 1) yield return new("KeyRotation:BatchSize", "moet minstens 1 zijn.");
        foreach (var p in o.Mail.Problems(nameof(o.Mail))) yield return p;
        foreach (var p in o.Telemetry.Problems(nameof(o.Telemetry))) yield return p;
        foreach (var p in Retention.RetentionOptions.Problems(o)) yield return p;
    }

    private static bool IsKey(string text)
    {
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == 32;
    }
}
