"""Small per-language word lists for the synthetic catalogue.

Each list mixes function words with inflected forms of the same stems
(`Schule`, `Schulen`, `Schüler`), so that Pagefind's stemmers have real work
and the index has realistic chunking. The text is nonsense, but it is
nonsense in the right language.
"""

WORDS = {
    "de": """
        die der das den dem ein eine einen und oder mit für gegen von zu im am auf bei
        nach über wird werden wurde wurden ist sind hat haben sich nicht auch sowie
        Schule Schulen Schüler Schülerinnen Schülern Lehrkraft Lehrkräfte Lehrkräften
        Netzwerk Netzwerke Netzwerken vernetzt vernetzen Stadt Städte Kommune Kommunen
        kommunalen Polizei Polizeibeamte Beratung Beratungen beraten berät Projekt Projekte
        Projekten Vielfalt Rassismus rassistische Diskriminierung Diskriminierungen
        unterstützt unterstützen Unterstützung regelmäßig gemeinsam gemeinsame Austausch
        Fortbildung Fortbildungen Jugendliche Jugendlichen Eltern Familien Sicherheit
        sicheren Angebot Angebote Angeboten Arbeit arbeiten arbeitet Partner Partnerinnen
        Verwaltung öffentlichen Maßnahme Maßnahmen Ergebnis Ergebnisse Integration Teilhabe
        Gewalt Prävention Quartier Quartieren Begegnung Begegnungen Demokratie stärken
        gestärkt Zusammenarbeit Erfahrung Erfahrungen Bildung Beteiligung Zentrum
    """.split(),
    "nl": """
        de het een en of met voor tegen van naar in op bij over door wordt worden werd
        werden is zijn heeft hebben zich niet ook zoals
        school scholen leerling leerlingen leraar leraren docent docenten netwerk netwerken
        gemeente gemeenten gemeentelijke politie politieagenten advies adviseren adviseert
        project projecten projectmatig diversiteit racisme racistische discriminatie
        ondersteunt ondersteunen ondersteuning regelmatig samen gezamenlijke uitwisseling
        training trainingen jongeren ouders gezinnen veiligheid veilige veilig aanbod
        werk werken werkt partner partners bestuur overheid openbare maatregel maatregelen
        resultaat resultaten integratie participatie geweld preventie wijk wijken
        ontmoeting ontmoetingen democratie versterken versterkt samenwerking ervaring
        ervaringen onderwijs betrokkenheid centrum sociale leerkrachten burgers
    """.split(),
    "sv": """
        och eller med för mot av till i på vid om genom blir blev är var har hade sig inte
        också samt som den det en ett de
        skola skolan skolor skolorna elev elever eleverna lärare lärarna nätverk nätverket
        nätverken kommun kommunen kommuner polis polisen rådgivning rådgiver projekt projektet
        projekten mångfald rasism rasistiska diskriminering diskrimineringen stödjer stödja
        stöd regelbundet tillsammans gemensamma utbyte utbildning utbildningar ungdomar
        ungdomarna föräldrar familjer trygghet trygga tryggt erbjudande arbete arbeta arbetar
        partner partnerna förvaltning offentliga åtgärd åtgärder resultat resultaten
        integration delaktighet våld förebyggande stadsdel stadsdelar möte möten demokrati
        stärka stärkt samarbete erfarenhet erfarenheter bildning deltagande centrum
    """.split(),
    "fr": """
        le la les un une des et ou avec pour contre de du au aux dans sur chez par est sont
        a ont se ne pas aussi ainsi que qui
        école écoles élève élèves enseignant enseignants enseignante réseau réseaux commune
        communes communale police policiers conseil conseils conseiller conseille projet
        projets diversité racisme racistes discrimination discriminations soutient soutenir
        soutien régulièrement ensemble communes échange échanges formation formations jeunes
        parents familles sécurité sûre sûres offre offres travail travailler travaille
        partenaire partenaires administration publique publiques mesure mesures résultat
        résultats intégration participation violence prévention quartier quartiers rencontre
        rencontres démocratie renforcer renforcé coopération expérience expériences
        éducation citoyenne centre
    """.split(),
    "fi": """
        ja tai sekä kanssa varten vastaan on ovat oli olivat ei myös joka jotka sen niiden
        kun kuin
        koulu koulun koulut kouluissa oppilas oppilaat oppilaiden opettaja opettajat
        opettajien verkosto verkoston verkostot kunta kunnan kunnat poliisi poliisin neuvonta
        neuvonnan neuvoo hanke hankkeen hankkeet moninaisuus rasismi rasismin syrjintä
        syrjinnän tukee tukea tuki säännöllisesti yhdessä yhteiset vaihto koulutus
        koulutukset nuoret nuorten vanhemmat perheet turvallisuus turvallinen turvallisen
        palvelu palvelut työ tehdä tekee kumppani kumppanit hallinto julkinen julkiset
        toimenpide toimenpiteet tulos tulokset kotoutuminen osallisuus väkivalta
        ehkäisy asuinalue asuinalueet kohtaaminen kohtaamiset demokratia vahvistaa
        vahvistettu yhteistyö kokemus kokemukset sivistys keskus
    """.split(),
    "en": """
        the a an and or with for against of to in on at by about through is are was were
        has have not also as well which who
        school schools schooling pupil pupils student students teacher teachers teaching
        network networks networking municipality municipalities municipal police officers
        advice advises advising project projects diversity racism racist discrimination
        discriminatory supports supporting support regularly together joint exchange
        exchanges training trainings young people parents families safety safe safer offer
        offers work working works partner partners administration public measure measures
        result results integration participation violence prevention neighbourhood
        neighbourhoods meeting meetings democracy strengthen strengthened cooperation
        experience experiences education involvement centre
    """.split(),
}

HEADINGS = {
    "en": ["What", "Who", "Why", "How", "Results", "Lessons learned"],
    "de": ["Was", "Wer", "Warum", "Wie", "Ergebnisse", "Erfahrungen"],
    "nl": ["Wat", "Wie", "Waarom", "Hoe", "Resultaten", "Geleerde lessen"],
    "fr": ["Quoi", "Qui", "Pourquoi", "Comment", "Résultats", "Enseignements"],
    "sv": ["Vad", "Vem", "Varför", "Hur", "Resultat", "Lärdomar"],
    "fi": ["Mitä", "Kuka", "Miksi", "Miten", "Tulokset", "Opit"],
}

# Country codes, with regions and places, for originals written in each language.
COUNTRIES = {
    "de": {
        "DE": ("Nordrhein-Westfalen", ["Bochum", "Köln", "Dortmund", "Essen", "Münster"]),
        "AT": ("Steiermark", ["Graz", "Leoben", "Kapfenberg"]),
        "CH": ("Kanton Zürich", ["Zürich", "Winterthur", "Uster"]),
    },
    "nl": {
        "NL": ("Noord-Brabant", ["Eindhoven", "Tilburg", "Breda", "Utrecht", "Zwolle"]),
        "BE": ("Vlaanderen", ["Gent", "Antwerpen", "Leuven", "Mechelen"]),
    },
    "sv": {
        "SE": ("Västra Götaland", ["Göteborg", "Borås", "Trollhättan", "Malmö"]),
        "FI": ("Österbotten", ["Vasa", "Jakobstad", "Närpes"]),
    },
    "fr": {
        "FR": ("Auvergne-Rhône-Alpes", ["Lyon", "Grenoble", "Villeurbanne", "Lille"]),
        "BE": ("Région de Bruxelles-Capitale", ["Bruxelles", "Saint-Gilles", "Ixelles"]),
        "LU": ("Canton de Luxembourg", ["Luxembourg", "Esch-sur-Alzette"]),
    },
    "fi": {"FI": ("Uusimaa", ["Helsinki", "Espoo", "Vantaa", "Tampere", "Turku"])},
    "en": {
        "IE": ("Leinster", ["Dublin", "Kildare", "Wicklow"]),
        "MT": ("Northern Harbour", ["Valletta", "Birkirkara"]),
        "GB": ("Greater Manchester", ["Manchester", "Salford", "Bolton"]),
    },
}

# How an organisation of a given place is called, per language.
CITY_ORGANISATION = {
    "de": "Stadt {place}",
    "nl": "Gemeente {place}",
    "sv": "{place} kommun",
    "fr": "Ville de {place}",
    "fi": "{place} kaupunki",
    "en": "{place} City Council",
}
