using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Oso.Central.Storage;

/// <summary>
/// An EF Core compiled query, compiled once per model. A compiled query refuses to run against another model than the one
/// it first ran with, and one process can hold several (the SQLite and the PostgreSQL context of Central, e.g. in the
/// tests or the CLI), so each model gets its own compilation.
/// </summary>
internal sealed class CompiledPerModel<TQuery>
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    public CompiledPerModel(Func<TQuery> compile) => _compile = _ => compile();

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _compile);
}
