using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Oso.Hosting.Storage;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks (a 64-bit integer). Both SQLite and PostgreSQL can order and
/// compare it, and no offset is ever lost or refused (SQLite cannot order DateTimeOffset; Npgsql refuses non-zero offsets).
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
