using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oso.Hosting.Http;

/// <summary>
/// Reading a request's JSON strictly, without changing how answers are written: for the records of OpenOSO's own APIs
/// (types in <c>Oso.*</c> namespaces) a constructor parameter without a default value must be present, and a
/// non-nullable one may not be null. A request that breaks this is refused while it is read — 400 with the field named
/// (<see cref="RequestProblems"/>) — instead of reaching the endpoint with a null it does not expect.
/// </summary>
public static class StrictRequestJson
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(PropertyInfo Property, string Name)>> NonNullable = new();

    /// <summary>Adds the rules to <paramref name="options"/> (the host's HTTP JSON options).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);
    }

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace?.StartsWith("Oso.", StringComparison.Ordinal) != true) return;
        var constructor = info.Type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null) return;
        var nullability = new NullabilityInfoContext();
        var required = constructor.GetParameters()
            .Where(p => !p.HasDefaultValue && (p.ParameterType.IsValueType ? Nullable.GetUnderlyingType(p.ParameterType) is null : nullability.Create(p).WriteState == NullabilityState.NotNull))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties)
            if (property.AttributeProvider is PropertyInfo p && required.Contains(p.Name)) property.IsRequired = true;
        var checks = NonNullable.GetOrAdd(info.Type, type => info.Properties
            .Where(j => j.AttributeProvider is PropertyInfo p && !p.PropertyType.IsValueType && nullability.Create(p).ReadState == NullabilityState.NotNull)
            .Select(j => ((PropertyInfo)j.AttributeProvider!, j.Name)).ToList());
        if (checks.Count == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var (property, name) in checks)
                if (property.GetValue(value) is null) throw new JsonException($"Het veld '{name}' mag niet leeg zijn.");
            previous?.Invoke(value);
        };
    }
}
