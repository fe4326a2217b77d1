// Live updates of a phase page. The page is complete without this script; with it, new and restored
// contributions appear, hidden ones and withdrawn syntheses go, the counts and their sentence change,
// the dates follow a rescheduling, the form closes when the phase does and appears when it opens, and a banner
// leads to the phase's announcement on the theme page.
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

    // One WebSocket, no negotiation request: it stays on the instance it reached, so a load balancer needs no
    // sticky sessions; a reconnection may land on any instance.
    var connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/forum", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .withAutomaticReconnect()
        .build();

    // Pages of the list: a newer one before this one, an older one after it.
    var hasNewerPage = !!document.querySelector("nav.paging a[rel=prev]");
    var hasOlderPage = !!document.querySelector("nav.paging a[rel=next]");

    function fetchCard(contributionId) {
        return fetch("/" + culture + "/phases/" + phaseId + "?handler=Card&contributionId=" + contributionId, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; });
    }

    function postedAt(element) {
        var time = element.querySelector("header time");
        return time ? Date.parse(time.getAttribute("datetime")) : NaN;
    }

    // Puts a card where the server's list would: newest first, and only if it falls within this page.
    function place(html) {
        if (!list || !html) {
            return;
        }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var card = holder.firstElementChild;
        while (card && card.tagName !== "ARTICLE") {
            card = card.nextElementSibling;
        }
        if (!card || document.getElementById(card.id)) {
            return;
        }
        if (filter && !card.querySelector('.badge[lang="' + filter + '"]')) {
            return;
        }
        var at = postedAt(card);
        var cards = list.querySelectorAll("article.contribution");
        for (var i = 0; i < cards.length; i++) {
            if (postedAt(cards[i]) < at) {
                if (i === 0 && hasNewerPage) {
                    return;
                }
                list.insertBefore(card, cards[i]);
                return;
            }
        }
        if (!hasOlderPage && !(cards.length === 0 && hasNewerPage)) {
            list.appendChild(card);
        }
    }

    connection.on("ContributionPosted", function (message) {
        if (message.phaseId !== phaseId || message.parentId !== null || document.getElementById("contribution-" + message.contributionId)) {
            return;
        }
        if (filter && message.languages.indexOf(filter) < 0) {
            return;
        }
        fetchCard(message.contributionId).then(place);
    });

    // A restored contribution comes back where it stood in the list.
    connection.on("ContributionRestored", function (message) {
        if (message.phaseId !== phaseId || document.getElementById("contribution-" + message.contributionId)) {
            return;
        }
        fetchCard(message.contributionId).then(place);
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

    // A phase's announcement (its opening, a reopening, an extension) is read on the theme page: a banner leads there,
    // titled in this page's language, or the forum's first language the announcement has.
    connection.on("AnnouncementPublished", function (message) {
        var id = "announcement-notice-" + message.announcementId;
        if (message.phaseId !== phaseId || document.getElementById(id)) {
            return;
        }
        var title = message.titles[culture] || message.titles[Object.keys(message.titles)[0]];
        var notice = document.createElement("p");
        notice.id = id;
        notice.className = "banner announcement-notice";
        notice.setAttribute("role", "status");
        var link = document.createElement("a");
        link.href = "/" + culture + "/themes/" + encodeURIComponent(message.themeSlug) + "#announcement-" + message.announcementId;
        link.textContent = title;
        notice.appendChild(link);
        var statistics = document.getElementById("statistics");
        (statistics ? statistics.parentNode : document.body).insertAdjacentElement("beforebegin", notice);
    });

    function notify(text) {
        var notice = document.getElementById("live-notice");
        if (!notice) {
            notice = document.createElement("p");
            notice.id = "live-notice";
            notice.className = "banner";
            notice.setAttribute("role", "status");
            var statistics = document.getElementById("statistics");
            (statistics ? statistics.parentNode : document.body).insertAdjacentElement("beforebegin", notice);
        }
        notice.textContent = "";
        notice.appendChild(document.createTextNode(text + " "));
        var link = document.createElement("a");
        link.href = window.location.pathname + window.location.search;
        link.textContent = live.dataset.reload;
        notice.appendChild(link);
    }

    connection.on("SynthesisUnpublished", function (message) {
        if (message.phaseId !== phaseId) {
            return;
        }
        var heading = document.getElementById("synthesis-" + message.synthesisId);
        var synthesis = heading && heading.closest("article.synthesis");
        if (synthesis) {
            var section = synthesis.closest("section");
            synthesis.remove();
            if (section && !section.querySelector("article.synthesis")) {
                section.remove();
            }
        }
        notify(live.dataset.synthesisUnpublished);
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

    // The dates, the state and the counts' heading as the server writes them now (the page for everyone, freshly evicted).
    // Null when the page read is not yet the new one: then a notice offers a reload.
    function freshPage() {
        return fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { return html ? new DOMParser().parseFromString(html, "text/html") : null; })
            .catch(function () { return null; });
    }

    function replaceFrom(fresh, id) {
        var current = document.getElementById(id);
        var replacement = fresh.getElementById(id);
        if (current && replacement) {
            current.replaceWith(document.importNode(replacement, true));
        }
    }

    function phaseChanged(message, rescheduled) {
        if (message.phaseId !== phaseId) {
            return;
        }
        var state = document.getElementById("phase-state");
        if (state) {
            state.textContent = live.dataset["state" + message.state.charAt(0).toUpperCase() + message.state.slice(1)] || message.state;
            state.className = "state " + message.state;
        }
        var form = document.getElementById("post-form");
        var posting = postingStates.indexOf(message.state) >= 0;
        if (!posting && form) {
            // Closed: the form stays with what was typed, read-only (still selectable, to copy) and without its buttons.
            Array.prototype.forEach.call(form.elements, function (field) {
                if (field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type !== "hidden")) {
                    field.readOnly = true;
                } else if (field.type !== "hidden") {
                    field.disabled = true;
                }
            });
            if (!document.getElementById("phase-closed-banner")) {
                var banner = document.createElement("p");
                banner.id = "phase-closed-banner";
                banner.className = "banner";
                banner.setAttribute("role", "status");
                banner.textContent = live.dataset.closedBanner;
                form.parentNode.insertBefore(banner, form);
            }
        }
        var opened = posting && !form;
        freshPage().then(function (fresh) {
            var freshState = fresh && fresh.getElementById("phase-state");
            if (!freshState || !freshState.classList.contains(message.state)) {
                notify(opened ? live.dataset.phaseOpened : live.dataset.rescheduled);
                return;
            }
            ["phase-when", "phase-dates", "statistics", "statistics-sentence"].forEach(function (id) { replaceFrom(fresh, id); });
            if (opened) {
                // The section as the server writes it for this reader: the form with its token, or the link to log in.
                replaceFrom(fresh, "contribute-section");
            }
            if (rescheduled) {
                notify(live.dataset.rescheduled);
            }
        });
    }

    connection.on("PhaseStateChanged", function (message) { phaseChanged(message, false); });
    connection.on("PhaseRescheduled", function (message) { phaseChanged(message, true); });

    function watch() {
        return connection.invoke("WatchPhase", phaseId);
    }

    // After a reconnection (the instance it followed may have stopped; this one may be another), what was missed
    // meanwhile: the cards this page lacks, the counts and the dates, from the page as the server writes it now.
    function catchUp() {
        return freshPage().then(function (fresh) {
            if (!fresh) {
                return;
            }
            var freshList = fresh.getElementById("contribution-list");
            if (freshList) {
                Array.prototype.forEach.call(freshList.querySelectorAll("article.contribution"), function (card) { place(card.outerHTML); });
            }
            ["phase-when", "phase-dates", "statistics", "statistics-sentence"].forEach(function (id) { replaceFrom(fresh, id); });
        });
    }

    connection.onreconnected(function () {
        return watch().then(catchUp);
    });
    connection.start().then(watch).then(function () {
        document.documentElement.dataset.live = "on";
    }).catch(function () {
        // Without the live connection the page still works: a reload shows what changed.
    });
})();
