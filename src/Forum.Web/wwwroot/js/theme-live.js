// Live updates of a theme page. The page is complete without this script; with it, when one of the theme's phases
// opens, closes, moves or is announced, the page's content is fetched again and shown as the server now writes it
// (the featured phase, the next opening, the announcements, the timeline), with a status line saying so.
(function () {
    "use strict";
    var live = document.getElementById("theme-live");
    if (!live || !window.signalR) {
        return;
    }
    var phaseIds = (live.dataset.phases || "").split(" ").filter(Boolean).map(Number);
    var updatedText = live.dataset.updated;

    var connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/forum", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .withAutomaticReconnect()
        .build();

    function watch() {
        return Promise.all(phaseIds.map(function (id) {
            // A phase this reader may not watch is simply left out.
            return connection.invoke("WatchPhase", id).catch(function () { });
        }));
    }

    // The parts of the page that follow the phases; the follow button and the theme's own texts do not change.
    var parts = ["theme-now", "timeline"];

    function refresh(announcementTitle) {
        return fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (!html) {
                    return;
                }
                var fresh = new DOMParser().parseFromString(html, "text/html");
                parts.forEach(function (id) {
                    var now = document.getElementById(id);
                    var next = fresh.getElementById(id);
                    if (now && next) {
                        now.replaceWith(document.importNode(next, true));
                    }
                });
                say(announcementTitle ? updatedText + " " + announcementTitle : updatedText);
            });
    }

    function say(text) {
        var notice = document.getElementById("live-notice");
        if (!notice) {
            notice = document.createElement("p");
            notice.id = "live-notice";
            notice.className = "banner";
            notice.setAttribute("role", "status");
            var heading = document.querySelector("main h1");
            (heading ? heading : document.getElementById("main")).insertAdjacentElement("afterend", notice);
        }
        notice.textContent = text;
    }

    // Several events of one change (its state, its announcement) arrive together: one fetch answers them all.
    var pending = null;
    var pendingTitle = null;
    function soon(title) {
        pendingTitle = title || pendingTitle;
        if (pending) {
            return;
        }
        pending = setTimeout(function () {
            var title = pendingTitle;
            pending = null;
            pendingTitle = null;
            refresh(title);
        }, 300);
    }

    function mine(message) {
        return phaseIds.indexOf(message.phaseId) >= 0;
    }

    connection.on("AnnouncementPublished", function (message) {
        if (mine(message)) {
            var culture = document.documentElement.lang;
            soon(message.titles[culture] || message.titles[Object.keys(message.titles)[0]]);
        }
    });
    connection.on("PhaseStateChanged", function (message) { if (mine(message)) { soon(null); } });
    connection.on("PhaseRescheduled", function (message) { if (mine(message)) { soon(null); } });

    connection.onreconnected(function () {
        return watch().then(function () { soon(null); });
    });
    connection.start().then(watch).then(function () {
        document.documentElement.dataset.live = "on";
    }).catch(function () {
        // Without the live connection the page still works: a reload shows what changed.
    });
})();
