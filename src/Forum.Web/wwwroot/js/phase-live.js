// Live updates of a phase page. The page is complete without this script; with it, new contributions
// appear, the counts and their sentence change, and the form closes when the phase does.
(function () {
    "use strict";
    var live = document.getElementById("live");
    if (!live || !window.signalR) {
        return;
    }
    var phaseId = Number(live.dataset.phase);
    var culture = live.dataset.culture;
    var list = document.getElementById("contribution-list");
    var filter = new URLSearchParams(window.location.search).get("language");
    // The states in which the phase takes contributions, as the server's rules say.
    var postingStates = (live.dataset.postingStates || "").split(" ");

    var connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/forum")
        .withAutomaticReconnect()
        .build();

    connection.on("ContributionPosted", function (message) {
        if (message.phaseId !== phaseId || message.parentId !== null || document.getElementById("contribution-" + message.contributionId)) {
            return;
        }
        if (filter && message.languages.indexOf(filter) < 0) {
            return;
        }
        fetch("/" + culture + "/phases/" + phaseId + "?handler=Card&contributionId=" + message.contributionId, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html && list && !document.getElementById("contribution-" + message.contributionId)) {
                    list.insertAdjacentHTML("afterbegin", html);
                }
            });
    });

    // A new or edited version changes the badges or the text shown: the card is fetched again and replaced.
    function refreshCard(message) {
        var article = document.getElementById("contribution-" + message.contributionId);
        if (!article || message.phaseId !== phaseId) {
            return;
        }
        fetch("/" + culture + "/phases/" + phaseId + "?handler=Card&contributionId=" + message.contributionId, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html) {
                    article.outerHTML = html;
                }
            });
    }
    connection.on("ContributionTranslated", refreshCard);
    connection.on("ContributionEdited", refreshCard);

    connection.on("SynthesisPublished", function (message) {
        var notice = document.getElementById("synthesis-notice");
        if (message.phaseId !== phaseId || notice) {
            return;
        }
        notice = document.createElement("p");
        notice.id = "synthesis-notice";
        notice.className = "banner";
        notice.setAttribute("role", "status");
        var link = document.createElement("a");
        link.href = window.location.pathname + window.location.search;
        link.textContent = live.dataset.synthesisPublished;
        notice.appendChild(link);
        var statistics = document.getElementById("statistics");
        (statistics ? statistics.parentNode : document.body).insertAdjacentElement("beforebegin", notice);
    });

    connection.on("ContributionHidden", function (message) {
        var article = document.getElementById("contribution-" + message.contributionId);
        if (article) {
            article.remove();
        }
    });

    connection.on("StatisticsChanged", function (message) {
        var sentence = document.getElementById("statistics-sentence");
        if (message.phaseId === phaseId && sentence && message.sentences[culture]) {
            sentence.textContent = message.sentences[culture];
        }
    });

    connection.on("PhaseStateChanged", function (message) {
        if (message.phaseId !== phaseId) {
            return;
        }
        var state = document.getElementById("phase-state");
        if (state) {
            state.textContent = live.dataset["state" + message.state.charAt(0).toUpperCase() + message.state.slice(1)] || message.state;
            state.className = "state " + message.state;
        }
        var form = document.getElementById("post-form");
        if (postingStates.indexOf(message.state) < 0 && form) {
            Array.prototype.forEach.call(form.elements, function (field) { field.disabled = true; });
            if (!document.getElementById("phase-closed-banner")) {
                var banner = document.createElement("p");
                banner.id = "phase-closed-banner";
                banner.className = "banner";
                banner.setAttribute("role", "status");
                banner.textContent = live.dataset.closedBanner;
                form.parentNode.insertBefore(banner, form);
            }
        }
    });

    function watch() {
        return connection.invoke("WatchPhase", phaseId);
    }

    connection.onreconnected(watch);
    connection.start().then(watch).then(function () {
        document.documentElement.dataset.live = "on";
    }).catch(function () {
        // Without the live connection the page still works: a reload shows what changed.
    });
})();
