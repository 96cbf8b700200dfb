using System.Collections;
using Oso.Hosting.Configuration;
using Oso.School.Retention;

namespace Oso.School.Tests.Retention;

/// <summary>Retention periods come from the configuration like every setting, and a period outside its legal bounds stops the node with a Dutch problem naming it.</summary>
public sealed class RetentionSettingsTests
{
    [Fact]
    public void The_defaults_lie_within_the_bounds()
    {
        Assert.Empty(RetentionOptions.Problems(new SchoolOptions()));
    }

    [Fact]
    public void A_period_from_the_configuration_file_is_used()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("oso-retention-").FullName, "school.json");
        File.WriteAllText(file, """{ "Retention": { "BronDossiers": "400.00:00:00", "Audit": "3000.00:00:00" } }""");

        var options = new SettingsBinder().AddJsonFile(file).Bind(new SchoolOptions(), validate: false);

        Assert.Equal(TimeSpan.FromDays(400), options.Retention.BronDossiers);
        Assert.Equal(TimeSpan.FromDays(3000), options.Retention.Audit);
        Assert.Empty(RetentionOptions.Problems(options));
    }

    [Fact]
    public void A_period_outside_its_bounds_is_refused_naming_the_setting_and_its_source()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("oso-retention-").FullName, "school.json");
        File.WriteAllText(file, """{ "Retention": { "Audit": "100.00:00:00" } }""");
        var environment = new Hashtable { ["OSO_Retention__BronDossiers"] = "3650.00:00:00", ["OSO_KeepImportedDossiers"] = "00:00:00" };

        var e = Assert.Throws<SettingsException>(() => new SettingsBinder().AddJsonFile(file).AddEnvironment(environment).Bind(new SchoolOptions()));

        Assert.Contains(e.Problems, p => p.StartsWith("Retention:Audit: 100 dagen ligt buiten de wettelijke grenzen van 1826 dagen tot en met 3653 dagen", StringComparison.Ordinal)
            && p.Contains(file, StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Retention:BronDossiers: 3650 dagen ligt buiten", StringComparison.Ordinal)
            && p.Contains("OSO_Retention__BronDossiers", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("KeepImportedDossiers: 0 dagen ligt buiten", StringComparison.Ordinal));
        // a shorter full period than the total is checked too
        Assert.Contains(e.Problems, p => p.StartsWith("Retention:AuditFull: mag niet langer zijn dan Retention:Audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_node_refuses_to_start_with_a_period_outside_its_bounds()
    {
        var options = new SchoolOptions { Retention = new RetentionOptions { ParentLinks = TimeSpan.FromDays(365) } };

        var e = await Assert.ThrowsAsync<SettingsException>(() => SchoolNode.StartAsync(options));

        Assert.Contains(e.Problems, p => p.StartsWith("Retention:ParentLinks: 365 dagen ligt buiten de wettelijke grenzen van 0 dagen tot en met 90 dagen", StringComparison.Ordinal));
    }
}
