namespace Oso.Hosting.Configuration;

/// <summary>
/// Marks a setting that holds a secret (a master key, a connection string with its password, an SMTP password): its
/// value is never repeated in a message, and it may also come from a file named by the setting <c>{Name}File</c>
/// (e.g. <c>MasterKeyFile</c>, a systemd credential or a mounted secret).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>Marks a property of an options class that is not a setting (set by code only), with the reason shown in docs.</summary>
/// <param name="reason">Why it is code only.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CodeOnlyAttribute(string reason) : Attribute
{
    /// <summary>Why it is code only.</summary>
    public string Reason { get; } = reason;
}

/// <summary>An options class that checks its own values once they are bound.</summary>
public interface IValidatedSettings
{
    /// <summary>Every problem, as the setting's key (<c>Mail:SmtpPort</c>) and a Dutch explanation; empty when all is well.</summary>
    IEnumerable<SettingProblem> Problems();
}

/// <summary>A setting that is wrong.</summary>
/// <param name="Key">The setting, with sections separated by a colon (<c>Mail:SmtpPort</c>).</param>
/// <param name="Problem">What is wrong, in Dutch, without the value of a secret.</param>
public sealed record SettingProblem(string Key, string Problem);

/// <summary>Settings that cannot be used: every problem, each naming its setting and where its value came from.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SettingsException(IReadOnlyList<string> problems)
        : base("De instellingen kloppen niet:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p))) =>
        Problems = problems;

    /// <summary>Creates the exception.</summary>
    public SettingsException() : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SettingsException(string message) : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SettingsException(string message, Exception inner) : base(message, inner) => Problems = [message];

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when <paramref name="settings"/> has problems (hosts check again at start, for callers that did not bind).</summary>
    public static void ThrowIfInvalid(IValidatedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems().Select(p => $"{p.Key}: {p.Problem}").ToList();
        if (problems.Count > 0) throw new SettingsException(problems);
    }
}
