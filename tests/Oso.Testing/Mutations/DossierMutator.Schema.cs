using System.Xml.Linq;

namespace Oso.Testing.Mutations;

// Mutations aimed at the schema rather than the business rules; only made when the mutator has the official
// schema's facets (the structural differential test), so the rules differential test's variants stay as they were.
public sealed partial class DossierMutator
{
    private const int SchemaMutationKinds = 10;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly string[] ElementContentTexts = ["x", "\u00A0", " \n\t ", "0", "&"];

    private string? SchemaMutation(int kind, XDocument doc, List<XElement> all) => kind switch
    {
        0 or 1 or 2 => FacetValue(all),
        3 => TextInElementContent(all),
        4 => ElementInText(all),
        5 => Empty(all),
        6 or 7 => Attribute(all),
        8 => SwapSiblings(all),
        _ => Root(doc),
    };

    // a value at or beyond the facets of the element's type in the official XSD
    private string? FacetValue(List<XElement> all)
    {
        var leaves = all.Where(e => !e.HasElements && _facets!.IsTextElement(e.Name.LocalName)).ToList();
        if (leaves.Count == 0) return null;
        // a name first, then one of its elements: rare fields get the same chance as the many voornaam elements
        var e = Pick(Pick(leaves.GroupBy(x => x.Name.LocalName).ToList()).ToList());
        var value = Pick(_facets!.ElementValues(e.Name.LocalName, e.Value, _random));
        e.Value = value;
        return $"facet {PathOf(e)} = '{Show(value)}'";
    }

    private string? TextInElementContent(List<XElement> all)
    {
        var parents = all.Where(e => e.HasElements).ToList();
        if (parents.Count == 0) return null;
        var parent = Pick(parents);
        var nodes = parent.Nodes().ToList();
        var text = Pick(ElementContentTexts);
        var at = _random.Next(nodes.Count + 1);
        if (at == nodes.Count) parent.Add(new XText(text));
        else nodes[at].AddBeforeSelf(new XText(text));
        return $"text '{Show(text)}' in {PathOf(parent)}";
    }

    private string? ElementInText(List<XElement> all)
    {
        var leaves = all.Where(e => !e.HasElements && e.Name.LocalName != "bestandsinhoud").ToList();
        if (leaves.Count == 0) return null;
        var e = Pick(leaves);
        var child = new XElement(XName.Get(_random.Next(2) == 0 ? e.Name.LocalName : Pick(all).Name.LocalName, Od));
        if (_random.Next(2) == 0) e.AddFirst(child);
        else e.Add(child);
        return $"element {PathOf(child)} in text";
    }

    private string? Empty(List<XElement> all)
    {
        var parents = all.Where(e => e.HasElements).ToList();
        if (parents.Count == 0) return null;
        var e = Pick(parents);
        e.RemoveNodes();
        return "empty " + PathOf(e);
    }

    private string? Attribute(List<XElement> all)
    {
        var e = Pick(all);
        switch (_random.Next(6))
        {
            case 0 or 1:
                // a declared attribute with a value at or beyond its facets, on an element that declares it
                var (element, name) = Pick(_facets!.Attributes);
                var owners = all.Where(x => x.Name.LocalName == element).ToList();
                if (owners.Count == 0) return null;
                var owner = Pick(owners);
                var value = Pick(_facets.AttributeValues(element, name, (string?)owner.Attribute(name) ?? "Nederland", _random));
                owner.SetAttributeValue(name, value);
                return $"attribute {PathOf(owner)}/@{name} = '{Show(value)}'";
            case 2:
                e.SetAttributeValue(Pick(_facets!.Attributes).Attribute, "x");
                return $"attribute {PathOf(e)}/@{e.LastAttribute!.Name.LocalName} = 'x'";
            case 3:
                e.SetAttributeValue("id", "a1");
                return $"attribute {PathOf(e)}/@id";
            case 4:
                var ns = Pick(new XNamespace[] { XNamespace.Xml, "urn:example:elders", Od });
                e.SetAttributeValue(ns + "lang", "nl");
                return $"attribute {PathOf(e)}/@{{{ns}}}lang";
            default:
                // a schema location is no content: both validators pass over it
                e.SetAttributeValue(Xsi + (_random.Next(2) == 0 ? "schemaLocation" : "noNamespaceSchemaLocation"), Od + " OSO_gegevensset.xsd");
                return $"attribute {PathOf(e)}/@xsi:{e.LastAttribute!.Name.LocalName}";
        }
    }

    private string? SwapSiblings(List<XElement> all)
    {
        var e = Pick(all);
        if (e.ElementsAfterSelf().FirstOrDefault() is not { } next) return null;
        next.Remove();
        e.AddBeforeSelf(next);
        return $"swap {PathOf(e)} and {PathOf(next)}";
    }

    // any global element may be a document's root by the schema: wrap, rename, move out of the namespace, or promote a block
    private string? Root(XDocument doc)
    {
        var root = doc.Root!;
        switch (_random.Next(4))
        {
            case 0:
                root.ReplaceWith(new XElement(XName.Get("dossiers", Od), new XElement(root)));
                return "wrap the root in dossiers";
            case 1:
                var name = Pick(_facets!.GlobalElements);
                root.Name = XName.Get(name, root.Name.NamespaceName);
                return "rename the root to " + name;
            case 2:
                var ns = Pick(ValuePools.ForeignNamespaces);
                root.Attributes().Where(a => a.IsNamespaceDeclaration).Remove(); // the writer declares what is needed
                root.Name = XName.Get(root.Name.LocalName, ns);
                return $"namespace '{ns}' on the root";
            default:
                var globals = root.Descendants().Where(e => e.Name.NamespaceName == Od && _facets!.GlobalElements.Contains(e.Name.LocalName)).ToList();
                if (globals.Count == 0) return null;
                var block = Pick(globals);
                block.Remove();
                root.ReplaceWith(block);
                return $"the root is now {PathOf(block)}";
        }
    }
}
