namespace Forum.Bench;

/// <summary>
/// Generated neighbourhood proposals in English, French and Spanish, about 60 to 120 words each. Every phrase table
/// lists the same phrases in the same order in each language, so one set of random picks renders as a text and its
/// translations: the versions of a contribution say the same thing, as they would on the forum.
/// </summary>
public static class ProposalText
{
    public static readonly string[] Languages = ["en", "fr", "es"];

    private const int MinWords = 60;
    private const int MaxWords = 120;

    private sealed record Phrases(
        string[] Openers, string[] Actors, string[] Modals, string[][] Actions, string[] Places, string[] Reasons,
        string[][] Observations, string[] Closers);

    /// <summary>Each language's body of one contribution, in the order of <paramref name="codes"/>.</summary>
    public static List<(string Code, string Body)> Write(Random random, string[] codes)
    {
        var topic = random.Next(English.Actions.Length);
        var observation = random.Next(English.Observations[topic].Length);
        var sentences = new List<Func<Phrases, string>> { p => p.Observations[topic][observation] };
        var words = WordCount(English.Observations[topic][observation]);
        var target = random.Next(MinWords, MaxWords - 10);
        while (words < target)
        {
            // Mostly about the contribution's own topic, sometimes another idea along with it.
            var about = random.Next(4) == 0 ? random.Next(English.Actions.Length) : topic;
            var (opener, actor, modal, action, place, reason) = (random.Next(English.Openers.Length), random.Next(English.Actors.Length),
                random.Next(English.Modals.Length), random.Next(English.Actions[about].Length), random.Next(English.Places.Length),
                random.Next(English.Reasons.Length));
            Func<Phrases, string> proposal = p =>
                $"{p.Openers[opener]} {p.Actors[actor]} {p.Modals[modal]} {p.Actions[about][action]} {p.Places[place]}, {p.Reasons[reason]}.";
            if (!TryAdd(proposal))
            {
                break;
            }
        }
        var closer = random.Next(English.Closers.Length * 2);
        if (closer < English.Closers.Length)
        {
            TryAdd(p => p.Closers[closer]);
        }
        var paragraphAfterFirst = random.Next(3) == 0;
        return codes.Select(code => (code, Render(Tables[code]))).ToList();

        bool TryAdd(Func<Phrases, string> sentence)
        {
            var count = WordCount(sentence(English));
            if (words + count > MaxWords)
            {
                return false;
            }
            sentences.Add(sentence);
            words += count;
            return true;
        }

        string Render(Phrases phrases) =>
            sentences[0](phrases) + (paragraphAfterFirst ? "\n\n" : " ") + string.Join(' ', sentences.Skip(1).Select(s => s(phrases)));
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static readonly Phrases English = new(
        Openers: ["I think", "In my view,", "Many of us feel that", "It seems to me that", "Our residents' group believes that",
            "After talking with neighbours, I am convinced that"],
        Actors: ["the city", "the town hall", "the district council", "the local authority", "the neighbourhood committee"],
        Modals: ["should", "could"],
        Actions:
        [
            ["plant trees and hedges", "turn the empty lot into a small park", "create shared vegetable gardens"],
            ["build protected cycle lanes", "install secure bicycle parking", "lower the speed limit to thirty"],
            ["close the street in front of the school at opening times", "open the schoolyard to families at weekends",
                "put a crossing guard at the zebra crossing in the morning"],
            ["run buses more often in the evening", "add a shelter at every bus stop", "create a shuttle to the hospital"],
            ["hold a farmers' market every Saturday", "support the small shops on the high street", "rent empty shops to young craftspeople"],
            ["keep the library open on Sunday afternoons", "offer free concerts in the square in summer",
                "turn the old station into a community centre"],
        ],
        Places: ["near the station", "along the river", "in the old town", "around the schools", "on the main avenue",
            "behind the town hall", "in the northern estates", "close to the covered market"],
        Reasons: ["because families need safe places to meet", "so that older residents can get around easily",
            "since traffic has grown a lot in recent years", "because children deserve cleaner air",
            "so that the neighbourhood stays lively in the evening", "because it would cost little and help many people",
            "since young people have nowhere to go", "so that everyone can do without a car"],
        Observations:
        [
            ["Today there is hardly any shade in summer and the squares are paved from end to end.",
                "The few trees we have are old and nobody replaces them when they fall."],
            ["Cycling to work here feels dangerous because cars pass very close.",
                "Bicycles are often stolen because there is nowhere to lock them."],
            ["Every morning the pavement outside the school is crowded with cars and parents.",
                "At weekends the schoolyard stays locked while children play in the street."],
            ["After eight in the evening the bus comes only once an hour.",
                "Waiting in the rain at a stop with no shelter is unpleasant for everyone."],
            ["Several shops on the high street have closed this year.",
                "Fresh local produce is hard to find without driving to the supermarket."],
            ["The library closes just when working people could finally visit it.",
                "There is no place in the district where associations can meet for free."],
        ],
        Closers: ["Thank you for considering this idea.", "We are ready to help organise it.",
            "A trial over a few months would show whether it works.", "I hope other residents will support this proposal."]);

    private static readonly Phrases French = new(
        Openers: ["Je pense que", "À mon avis,", "Beaucoup d'entre nous estiment que", "Il me semble que", "Notre association d'habitants pense que",
            "Après en avoir parlé avec mes voisins, je suis convaincu que"],
        Actors: ["la ville", "la mairie", "le conseil de quartier", "la métropole", "le comité de quartier"],
        Modals: ["devrait", "pourrait"],
        Actions:
        [
            ["planter des arbres et des haies", "transformer le terrain vague en petit parc", "créer des jardins potagers partagés"],
            ["aménager des pistes cyclables protégées", "installer des parkings à vélos sécurisés", "limiter la vitesse à trente"],
            ["fermer la rue devant l'école aux heures d'entrée", "ouvrir la cour de l'école aux familles le week-end",
                "placer un agent au passage piéton le matin"],
            ["faire passer les bus plus souvent le soir", "installer un abri à chaque arrêt de bus", "créer une navette vers l'hôpital"],
            ["organiser un marché de producteurs chaque samedi", "soutenir les petits commerces de la grande rue",
                "louer les boutiques vides à de jeunes artisans"],
            ["ouvrir la bibliothèque le dimanche après-midi", "proposer des concerts gratuits sur la place en été",
                "transformer l'ancienne gare en maison de quartier"],
        ],
        Places: ["près de la gare", "le long de la rivière", "dans la vieille ville", "autour des écoles", "sur l'avenue principale",
            "derrière la mairie", "dans les quartiers nord", "à côté des halles"],
        Reasons: ["parce que les familles ont besoin de lieux sûrs pour se retrouver", "pour que les personnes âgées puissent se déplacer facilement",
            "car la circulation a beaucoup augmenté ces dernières années", "parce que les enfants méritent un air plus propre",
            "pour que le quartier reste vivant le soir", "parce que cela coûterait peu et aiderait beaucoup de monde",
            "car les jeunes n'ont nulle part où aller", "pour que chacun puisse se passer de voiture"],
        Observations:
        [
            ["Aujourd'hui il n'y a presque pas d'ombre en été et les places sont entièrement bétonnées.",
                "Les rares arbres que nous avons sont vieux et personne ne les remplace quand ils tombent."],
            ["Aller au travail à vélo paraît dangereux ici car les voitures frôlent les cyclistes.",
                "Les vélos sont souvent volés faute d'endroit où les attacher."],
            ["Chaque matin le trottoir devant l'école est encombré de voitures et de parents.",
                "Le week-end la cour de l'école reste fermée pendant que les enfants jouent dans la rue."],
            ["Après vingt heures le bus ne passe plus qu'une fois par heure.",
                "Attendre sous la pluie à un arrêt sans abri est désagréable pour tout le monde."],
            ["Plusieurs commerces de la grande rue ont fermé cette année.",
                "Il est difficile de trouver des produits frais et locaux sans prendre la voiture pour aller au supermarché."],
            ["La bibliothèque ferme juste au moment où les gens qui travaillent pourraient enfin y aller.",
                "Il n'existe aucun lieu dans le quartier où les associations peuvent se réunir gratuitement."],
        ],
        Closers: ["Merci d'étudier cette idée.", "Nous sommes prêts à aider à l'organiser.",
            "Un essai de quelques mois permettrait de voir si cela fonctionne.", "J'espère que d'autres habitants soutiendront cette proposition."]);

    private static readonly Phrases Spanish = new(
        Openers: ["Creo que", "En mi opinión,", "Muchos pensamos que", "Me parece que", "Nuestra asociación de vecinos cree que",
            "Después de hablar con los vecinos, estoy convencido de que"],
        Actors: ["la ciudad", "el ayuntamiento", "la junta de distrito", "el municipio", "la asociación de vecinos"],
        Modals: ["debería", "podría"],
        Actions:
        [
            ["plantar árboles y setos", "convertir el solar vacío en un pequeño parque", "crear huertos compartidos"],
            ["construir carriles bici protegidos", "instalar aparcamientos seguros para bicicletas", "limitar la velocidad a treinta"],
            ["cerrar la calle frente al colegio a la hora de entrada", "abrir el patio del colegio a las familias los fines de semana",
                "poner un agente en el paso de peatones por la mañana"],
            ["aumentar la frecuencia de los autobuses por la noche", "poner una marquesina en cada parada", "crear un autobús lanzadera al hospital"],
            ["organizar un mercado de productores cada sábado", "apoyar a las pequeñas tiendas de la calle mayor",
                "alquilar los locales vacíos a jóvenes artesanos"],
            ["abrir la biblioteca los domingos por la tarde", "ofrecer conciertos gratuitos en la plaza en verano",
                "convertir la antigua estación en un centro vecinal"],
        ],
        Places: ["cerca de la estación", "a lo largo del río", "en el casco antiguo", "alrededor de los colegios", "en la avenida principal",
            "detrás del ayuntamiento", "en los barrios del norte", "junto al mercado cubierto"],
        Reasons: ["porque las familias necesitan lugares seguros para encontrarse", "para que las personas mayores puedan moverse con facilidad",
            "ya que el tráfico ha crecido mucho en los últimos años", "porque los niños merecen un aire más limpio",
            "para que el barrio siga animado por la noche", "porque costaría poco y ayudaría a mucha gente",
            "ya que los jóvenes no tienen adónde ir", "para que todos puedan prescindir del coche"],
        Observations:
        [
            ["Hoy casi no hay sombra en verano y las plazas están pavimentadas de punta a punta.",
                "Los pocos árboles que tenemos son viejos y nadie los sustituye cuando caen."],
            ["Ir al trabajo en bici aquí parece peligroso porque los coches pasan muy cerca.",
                "Roban bicicletas a menudo porque no hay dónde atarlas."],
            ["Cada mañana la acera del colegio está llena de coches y de padres.",
                "Los fines de semana el patio del colegio sigue cerrado mientras los niños juegan en la calle."],
            ["Después de las ocho de la tarde el autobús pasa solo una vez por hora.",
                "Esperar bajo la lluvia en una parada sin marquesina es desagradable para todos."],
            ["Varias tiendas de la calle mayor han cerrado este año.",
                "Es difícil encontrar productos frescos y locales sin ir en coche al supermercado."],
            ["La biblioteca cierra justo cuando la gente que trabaja podría por fin ir.",
                "No hay ningún lugar en el barrio donde las asociaciones puedan reunirse gratis."],
        ],
        Closers: ["Gracias por estudiar esta idea.", "Estamos dispuestos a ayudar a organizarlo.",
            "Una prueba de unos meses mostraría si funciona.", "Espero que otros vecinos apoyen esta propuesta."]);

    private static readonly Dictionary<string, Phrases> Tables = new() { ["en"] = English, ["fr"] = French, ["es"] = Spanish };
}
