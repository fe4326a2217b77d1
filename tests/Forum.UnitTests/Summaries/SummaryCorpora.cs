using Forum.Synthesis.Summaries;

namespace Forum.UnitTests.Summaries;

/// <summary>
/// Small hand-written corpora: most contributions return to one central idea (local cooperatives create
/// jobs in the territory) in different words, and each carries an off-topic sentence that must never be picked.
/// </summary>
internal static class SummaryCorpora
{
    public static readonly SummarySource[] English =
    [
        new(101, "Local cooperatives create stable jobs for people living in our territory. The weather was rainy during our last meeting. Cooperative members share the yearly profits fairly."),
        new(102, "In the territory, **cooperatives create local jobs** that cannot be moved abroad. I bought a new bicycle last week. Public policy should support these cooperative jobs."),
        new(103, "Solidarity economy initiatives and local cooperatives create jobs for young people in the territory.\n\nMy cat sleeps all afternoon on the sofa."),
        new(104, "The municipality could fund local cooperatives because they create jobs in the territory. Football results were quite surprising this weekend."),
        new(105, "Our proposals:\n\n- cooperative housing gives families affordable homes\n- local cooperatives create jobs and keep money in the territory"),
        new(106, "A shared kitchen cooperative trains unemployed residents every morning. Our cooperatives need steady public support to grow."),
        new(107, "The museum opened an exhibition about ancient pottery and glass. Student tickets cost 3.5 euros on weekdays."),
    ];

    public static readonly string[] EnglishOffTopic =
    [
        "The weather was rainy during our last meeting.",
        "I bought a new bicycle last week.",
        "My cat sleeps all afternoon on the sofa.",
        "Football results were quite surprising this weekend.",
        "The museum opened an exhibition about ancient pottery and glass.",
        "Student tickets cost 3.5 euros on weekdays.",
    ];

    public static readonly SummarySource[] French =
    [
        new(201, "Les coopératives locales créent des emplois durables sur notre territoire. Il a beaucoup plu pendant la dernière réunion. Les membres de la coopérative partagent les bénéfices."),
        new(202, "Sur le territoire, **les coopératives créent des emplois locaux** qui ne seront pas délocalisés. J'ai acheté un nouveau vélo la semaine dernière. L'action publique doit soutenir ces emplois coopératifs."),
        new(203, "L'économie sociale et solidaire et les coopératives locales créent des emplois pour les jeunes du territoire.\n\nMon chat dort tout l'après-midi sur le canapé."),
        new(204, "La commune pourrait financer les coopératives locales, car elles créent des emplois sur le territoire. Les résultats du match de football ont surpris tout le monde."),
        new(205, "Nos propositions :\n\n- l'habitat coopératif offre des logements abordables aux familles\n- les coopératives locales créent des emplois et gardent l'argent sur le territoire"),
        new(206, "Une cuisine partagée en coopérative forme des habitants sans emploi chaque matin. Nos coopératives ont besoin d'un soutien public régulier pour grandir."),
        new(207, "Le musée a ouvert une exposition sur la poterie antique et le verre. Le billet étudiant coûte 3,5 euros en semaine."),
    ];

    public static readonly string[] FrenchOffTopic =
    [
        "Il a beaucoup plu pendant la dernière réunion.",
        "J'ai acheté un nouveau vélo la semaine dernière.",
        "Mon chat dort tout l'après-midi sur le canapé.",
        "Les résultats du match de football ont surpris tout le monde.",
        "Le musée a ouvert une exposition sur la poterie antique et le verre.",
        "Le billet étudiant coûte 3,5 euros en semaine.",
    ];

    public static readonly SummarySource[] Spanish =
    [
        new(301, "Las cooperativas locales crean empleos estables en nuestro territorio. Llovió mucho durante la última reunión. Los socios de la cooperativa reparten los beneficios."),
        new(302, "En el territorio, **las cooperativas crean empleos locales** que no se deslocalizan. Compré una bicicleta nueva la semana pasada. La política pública debe apoyar estos empleos cooperativos."),
        new(303, "La economía social y solidaria y las cooperativas locales crean empleos para los jóvenes del territorio.\n\nMi gato duerme toda la tarde en el sofá."),
        new(304, "El ayuntamiento podría financiar las cooperativas locales porque crean empleos en el territorio. Los resultados del partido de fútbol sorprendieron a todos."),
        new(305, "Nuestras propuestas:\n\n- la vivienda cooperativa ofrece casas asequibles a las familias\n- las cooperativas locales crean empleos y mantienen el dinero en el territorio"),
        new(306, "Una cocina compartida en cooperativa forma a vecinos sin empleo cada mañana. Nuestras cooperativas necesitan un apoyo público constante para crecer."),
        new(307, "El museo abrió una exposición sobre cerámica antigua y vidrio. La entrada para estudiantes cuesta 3,5 euros entre semana."),
    ];

    public static readonly string[] SpanishOffTopic =
    [
        "Llovió mucho durante la última reunión.",
        "Compré una bicicleta nueva la semana pasada.",
        "Mi gato duerme toda la tarde en el sofá.",
        "Los resultados del partido de fútbol sorprendieron a todos.",
        "El museo abrió una exposición sobre cerámica antigua y vidrio.",
        "La entrada para estudiantes cuesta 3,5 euros entre semana.",
    ];
}
