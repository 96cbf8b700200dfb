namespace Oso.Synthetic.Composition;

/// <summary>A Dutch municipality with a real range of its postcodes and its area code, so that addresses look right.</summary>
internal sealed record Place(string Plaats, string Gemeente, int PostcodeFrom, int PostcodeTo, string AreaCode);

/// <summary>
/// Word lists for realistic Dutch data. First names come from Bogus' nl locale; surnames, streets and places are
/// curated here because the locale's lists are short and partly invented.
/// </summary>
internal static class DutchData
{
    /// <summary>Common surnames with their voorvoegsel.</summary>
    public static readonly (string? Voorvoegsel, string Achternaam)[] Surnames =
    [
        ("de", "Jong"), (null, "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), (null, "Bakker"), (null, "Janssen"),
        (null, "Visser"), (null, "Smit"), (null, "Meijer"), ("de", "Boer"), (null, "Mulder"), ("de", "Groot"), (null, "Bos"), (null, "Vos"),
        (null, "Peters"), (null, "Hendriks"), ("van", "Leeuwen"), (null, "Dekker"), (null, "Brouwer"), ("de", "Wit"), (null, "Dijkstra"),
        (null, "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), (null, "Kok"), (null, "Jacobs"), ("de", "Haan"),
        (null, "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Bruin"),
        ("van der", "Heijden"), (null, "Schouten"), ("van", "Beek"), (null, "Willems"), ("van", "Vliet"), ("van de", "Ven"), (null, "Hoekstra"),
        (null, "Maas"), (null, "Verhoeven"), (null, "Koster"), ("van", "Dam"), ("van der", "Wal"), (null, "Prins"), (null, "Blom"),
        (null, "Huisman"), (null, "Peeters"), ("de", "Jonge"), (null, "Kuipers"), ("van", "Veen"), (null, "Post"), (null, "Kuiper"),
        (null, "Veenstra"), (null, "Kramer"), ("van den", "Brink"), (null, "Scholten"), ("van", "Wijk"), (null, "Postma"), (null, "Martens"),
        (null, "Vink"), ("de", "Ruiter"), (null, "Timmermans"), (null, "Groen"), (null, "Gerritsen"), (null, "Jonker"), ("van", "Loon"),
        (null, "Boersma"), ("van den", "Bosch"), (null, "Yilmaz"), (null, "Kaya"), ("el", "Amrani"), (null, "Benali"), (null, "Nguyen"),
        (null, "Öztürk"), (null, "Çelik"), (null, "Bouzid"), (null, "Sanchez"), (null, "Wijaya"), (null, "Kowalski"), (null, "Sadiki"),
    ];

    public static readonly string[] Streets =
    [
        "Kerkstraat", "Schoolstraat", "Molenweg", "Dorpsstraat", "Julianastraat", "Beatrixlaan", "Wilhelminastraat", "Stationsweg",
        "Nieuwstraat", "Emmastraat", "Parallelweg", "Lindelaan", "Eikenlaan", "Beukenlaan", "Kastanjelaan", "Sportlaan", "Tulpstraat",
        "Rozenstraat", "Merelstraat", "Vogelzang", "Prinses Irenestraat", "Oranjestraat", "Marktstraat", "Hoofdstraat", "Veldweg",
        "Esdoornlaan", "Berkenlaan", "Meidoornstraat", "Zonnebloemstraat", "Koekoeklaan", "Kievitstraat", "Populierenlaan",
        "Burgemeester de Withstraat", "Van Goghstraat", "Rembrandtlaan", "Vermeerstraat", "Spoorstraat", "Havenstraat", "Dijkweg",
        "Plataanstraat", "Lijsterbeslaan", "Haverkamp", "Boogaard", "Klaverweide", "Zwanenveld",
    ];

    public static readonly Place[] Places =
    [
        new("Amsterdam", "Amsterdam", 1011, 1109, "020"), new("Rotterdam", "Rotterdam", 3011, 3089, "010"),
        new("Den Haag", "'s-Gravenhage", 2491, 2599, "070"), new("Utrecht", "Utrecht", 3511, 3585, "030"),
        new("Eindhoven", "Eindhoven", 5611, 5658, "040"), new("Groningen", "Groningen", 9711, 9747, "050"),
        new("Tilburg", "Tilburg", 5011, 5049, "013"), new("Almere", "Almere", 1311, 1364, "036"),
        new("Breda", "Breda", 4811, 4841, "076"), new("Nijmegen", "Nijmegen", 6511, 6546, "024"),
        new("Apeldoorn", "Apeldoorn", 7311, 7339, "055"), new("Haarlem", "Haarlem", 2011, 2037, "023"),
        new("Arnhem", "Arnhem", 6811, 6846, "026"), new("Enschede", "Enschede", 7511, 7548, "053"),
        new("Amersfoort", "Amersfoort", 3811, 3829, "033"), new("Zwolle", "Zwolle", 8011, 8043, "038"),
        new("Leiden", "Leiden", 2311, 2334, "071"), new("Maastricht", "Maastricht", 6211, 6229, "043"),
        new("Dordrecht", "Dordrecht", 3311, 3329, "078"), new("Zoetermeer", "Zoetermeer", 2711, 2729, "079"),
        new("Deventer", "Deventer", 7411, 7431, "0570"), new("Delft", "Delft", 2611, 2629, "015"),
        new("Alkmaar", "Alkmaar", 1811, 1827, "072"), new("Leeuwarden", "Leeuwarden", 8911, 8939, "058"),
        new("Emmen", "Emmen", 7811, 7828, "0591"), new("Venlo", "Venlo", 5911, 5928, "077"),
        new("Hilversum", "Hilversum", 1211, 1223, "035"), new("Gouda", "Gouda", 2801, 2809, "0182"),
        new("Assen", "Assen", 9401, 9409, "0592"), new("Middelburg", "Middelburg", 4331, 4339, "0118"),
        new("Lelystad", "Lelystad", 8211, 8245, "0320"), new("Helmond", "Helmond", 5701, 5709, "0492"),
    ];

    public static readonly string[] PoSchoolPrefixes = ["Basisschool", "OBS", "CBS", "RKBS", "IKC"];

    public static readonly string[] PoSchoolNames =
    [
        "De Regenboog", "Het Kompas", "De Wegwijzer", "De Vlinder", "Het Palet", "De Zonnewijzer", "De Springplank", "De Klimop",
        "Het Anker", "De Fontein", "De Sterrenwacht", "De Horizon", "Het Mozaïek", "De Boomgaard", "De Ontdekking", "De Toermalijn",
        "Het Klaverblad", "De Vuurvogel", "De Schakel", "Het Startpunt",
    ];

    public static readonly string[] VoSchoolNames =
    [
        "Erasmus College", "Comenius Lyceum", "Thorbecke Scholengemeenschap", "Da Vinci College", "Spinoza Lyceum", "Huygens College",
        "Montessori College", "Stedelijk Gymnasium", "Christelijk Lyceum", "Het Baken College", "Nova College", "Oranje Nassau College",
    ];

    public static readonly string[] ReasonsNotAgreed =
    [
        "Wij vinden het schooladvies te laag. Ons kind laat thuis en bij de bijles meer zien dan de toetsen.",
        "De beschrijving van het gedrag in groep 7 klopt niet meer; dat is dit jaar sterk verbeterd.",
        "Het onderzoek naar dyslexie loopt nog; wij willen niet dat de vermoedens al in het dossier staan.",
        "Het verzuim is te hoog weergegeven: de afwezigheid door ziekte was steeds op tijd gemeld.",
        "Wij missen in het dossier de extra begeleiding die ons kind vorig jaar heeft gekregen.",
        "Wij zijn het niet eens met de opmerkingen over de thuissituatie; die horen niet in een schooldossier.",
    ];

    public static readonly string[] Aandachtspunten =
    [
        "Heeft baat bij duidelijke instructie en een vaste plek in de klas.",
        "Werkt graag samen, maar heeft moeite met plannen van huiswerk. Een weekplanning helpt.",
        "Leest minder vlot dan leeftijdgenoten; extra tijd bij toetsen en voorgelezen teksten werken goed.",
        "Is snel afgeleid in een drukke omgeving; koptelefoon en een rustige werkplek helpen.",
        "Sterk in rekenen en wil graag uitdaging; verrijkingswerk houdt de motivatie vast.",
        "Heeft tijd nodig om te wennen aan nieuwe mensen; een vast aanspreekpunt in de eerste weken is fijn.",
    ];

    public static readonly string[] Argumentaties =
    [
        "De toetsresultaten van de afgelopen jaren, de werkhouding en de motivatie passen bij dit advies.",
        "Werkt zelfstandig en nauwkeurig; het niveau van begrijpend lezen en rekenen ondersteunt het advies.",
        "De leerling is leergierig maar heeft ondersteuning nodig bij plannen; daarom dit advies.",
        "Het advies is besproken met de leerling en de ouders en past bij het beeld van de afgelopen drie jaar.",
    ];

    public static readonly string[] ToetsAdviezen = ["vmbo-bb", "vmbo-kb", "vmbo-gt", "vmbo-gt/havo", "havo", "havo/vwo", "vwo"];

    /// <summary>Codes of code list 2 (advies VO) that synthetic advice uses; their meanings are not public.</summary>
    public static readonly string[] AdviesCodes = ["20", "21", "30", "31", "40", "41", "42", "50", "51", "60", "61"];

    public static readonly string[] Handelingsplannen =
        ["technisch lezen", "rekenvaardigheid", "spelling", "werkhouding en concentratie", "sociaal-emotionele ontwikkeling", "begrijpend lezen"];

    public static readonly (string Code, string Naam, string Instantie)[] Diagnoses =
    [
        ("F81.0", "Dyslexie", "Onderwijsadviesbureau"), ("F90", "ADHD", "Centrum voor kinder- en jeugdpsychiatrie"),
        ("F81.2", "Dyscalculie", "Onderwijsadviesbureau"), ("HB", "Hoogbegaafdheid", "Praktijk voor onderwijspsychologie"),
        ("F84.5", "Syndroom van Asperger", "Centrum voor kinder- en jeugdpsychiatrie"), ("F80", "Taalontwikkelingsstoornis", "Audiologisch centrum"),
    ];

    public static readonly (string FileName, string Omschrijving)[] Documents =
    [
        ("groepsoverzicht.txt", "Groepsoverzicht"), ("verslag-oudergesprek.txt", "Verslag van het laatste oudergesprek"),
        ("rapport.txt", "Laatste rapport"), ("leerlingrapport-lvs.txt", "Leerlingrapport leerlingvolgsysteem"),
        ("observatie-sociaal-emotioneel.txt", "Observatie sociaal-emotionele ontwikkeling"),
    ];
}
