namespace Oso.Dossier.Rendering;

/// <summary>
/// The CSS of the dossier view, scoped to <c>.oso-dossier</c>: system fonts only, text contrast of at least 7:1,
/// one column on a phone, tables that scroll sideways instead of squeezing, and a plain layout on paper.
/// </summary>
internal static class RenderingStyles
{
    public const string Css = """
        .oso-dossier{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;max-width:60rem;margin:0 auto;padding:1rem}
        .oso-dossier h1,.oso-dossier h2,.oso-dossier h3,.oso-dossier h4,.oso-dossier h5,.oso-dossier h6{color:#0b2545;line-height:1.25;margin:1.5rem 0 .5rem}
        .oso-dossier header :first-child{margin-top:0}
        .oso-dossier header{border-bottom:3px solid #0b2545;margin-bottom:1rem}
        .oso-dossier section>:first-child{font-size:1.35rem;border-bottom:2px solid #c9d3df;padding-bottom:.25rem}
        .oso-dossier section{margin-bottom:1.5rem}
        .oso-dossier dl.facts{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.25rem 1rem;margin:.5rem 0 1rem}
        .oso-dossier dl.facts div{display:contents}
        .oso-dossier dt{font-weight:600}
        .oso-dossier dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
        .oso-dossier .alert{border:2px solid #a4161a;background:#fdecea;color:#5c0a0d;padding:.75rem 1rem;border-radius:4px;margin:.5rem 0 1rem;font-size:1.1rem}
        .oso-dossier .alert p{margin:0}
        .oso-dossier .alert .text{display:block;white-space:pre-line;margin-top:.25rem}
        .oso-dossier .notice{border-left:4px solid #0b2545;background:#eef2f6;padding:.5rem .75rem}
        .oso-dossier .table-wrap{overflow-x:auto;margin:.5rem 0 1rem}
        .oso-dossier .table-wrap:focus{outline:3px solid #1d4ed8;outline-offset:2px}
        .oso-dossier table{border-collapse:collapse;width:100%;font-size:.95rem}
        .oso-dossier .table-wrap table{min-width:40rem}
        .oso-dossier caption{text-align:left;font-weight:600;padding:.25rem 0}
        .oso-dossier th,.oso-dossier td{border:1px solid #c9d3df;padding:.35rem .5rem;text-align:left;vertical-align:top;white-space:pre-line;overflow-wrap:anywhere}
        .oso-dossier thead th{background:#eef2f6}
        @media (max-width:40rem){.oso-dossier{padding:.5rem}.oso-dossier dl.facts{grid-template-columns:1fr;gap:0}.oso-dossier dd{margin-bottom:.5rem}}
        @media print{.oso-dossier{max-width:none;padding:0;font-size:10.5pt}.oso-dossier .table-wrap{overflow:visible}.oso-dossier h2,.oso-dossier h3{break-after:avoid}.oso-dossier tr{break-inside:avoid}.oso-dossier .alert{border-width:3px}}

        """;
}
