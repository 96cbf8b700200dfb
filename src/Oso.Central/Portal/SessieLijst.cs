namespace Oso.Central.Portal;

/// <summary>A list of sessions as <c>Shared/_Sessies</c> shows it.</summary>
/// <param name="Sessies">Newest first.</param>
/// <param name="Brin">The school looking (its role per session is shown); null for the servicedesk.</param>
/// <param name="Link">The trace page's path, to which the session id is appended; null: no links.</param>
internal sealed record SessieLijst(IReadOnlyList<SessieInfo> Sessies, string? Brin, string? Link);
