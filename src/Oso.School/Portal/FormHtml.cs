using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Oso.School.Portal;

/// <summary>Small pieces of form markup that every page writes the same way.</summary>
public static class FormHtml
{
    /// <summary>A field's error message (empty when it has none), referenced by the field's <c>aria-describedby</c>.</summary>
    public static IHtmlContent FieldError(FormErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.For(field) is not { } message) return HtmlString.Empty;
        return new HtmlString($"<p class=\"field-error\" id=\"{FormErrors.MessageId(field)}\"><span class=\"visually-hidden\">Fout: </span>{HtmlEncoder.Default.Encode(message)}</p>");
    }

    /// <summary><c>checked</c> when the value is the current one.</summary>
    public static string? Checked(string? current, string value) => current == value ? "checked" : null;

    /// <summary><c>selected</c> when the value is the current one.</summary>
    public static string? Selected(string? current, string value) => current == value ? "selected" : null;
}
