namespace Oso.Central.Portal;

/// <summary>A trace as <c>Shared/_Trace</c> shows it.</summary>
/// <param name="Trace">The session and its steps.</param>
/// <param name="Brin">The school looking at it (marks "uw school"); null for the servicedesk.</param>
internal sealed record TraceWeergave(SessieTrace Trace, string? Brin);
