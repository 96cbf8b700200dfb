using System.Collections.Concurrent;
using Oso.Dossier;
using Oso.Protocol.Messages;
using Oso.Synthetic;

namespace Oso.Central.TestSchool;

/// <summary>
/// The dossiers the test school delivers: Oso.Synthetic's dossier of each fixed pupil at the test school, as released
/// on <see cref="TestLeerlingen.Klaargezet"/> — the same bytes every time. Composed on first request.
/// </summary>
internal sealed class TestschoolDossiers
{
    private static readonly DateOnly Datum = DateOnly.FromDateTime(TestLeerlingen.Klaargezet.Date);
    private readonly ConcurrentDictionary<string, Lazy<GegevenssetXml>> _cache = new(StringComparer.Ordinal);

    public GegevenssetXml Voor(TestLeerling leerling) => _cache.GetOrAdd(leerling.Sleutel, key => new Lazy<GegevenssetXml>(
        () => GegevenssetXml.Create(DossierWriter.ToBytes(SyntheticDossiers.Fixed(key, Datum), indent: false)))).Value;
}
