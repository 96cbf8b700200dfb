using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Storage;

namespace Oso.Central.Tests.Infrastructure;

/// <summary>Reads every table of Central's database as it is stored (raw SQL), to count rows or search all values.</summary>
public static class DbDump
{
    public static async Task<Dictionary<string, int>> CountRowsAsync(CentralHandle central) =>
        (await DumpAsync(central)).ToDictionary(t => t.Key, t => t.Value.Count);

    /// <summary>Every table → every row as the text of its values.</summary>
    public static async Task<Dictionary<string, List<string>>> DumpAsync(CentralHandle central)
    {
        await using var db = await central.Services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var result = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync()) rows.Add(Row(reader));
            result[table] = rows;
        }
        return result;
    }

    private static string Row(DbDataReader reader)
    {
        var values = new string[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
            values[i] = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
            {
                byte[] bytes => Convert.ToHexString(bytes) + "|" + System.Text.Encoding.UTF8.GetString(bytes),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        return string.Join(" | ", values);
    }
}
