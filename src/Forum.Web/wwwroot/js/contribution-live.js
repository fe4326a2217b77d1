// Live notices of a contribution page. The page is complete without this script; with it, when a version of this
// contribution changes (its original edited, a stale translation updated), each version's "may be out of date" notice
// follows the page as the server writes it now. Texts and forms stay as they are, so nothing being typed is lost.
(function () {
    "use strict";
    var live = document.getElementById("live");
    if (!live || !window.signalR) {
        return;
    }
    var phaseId = Number(live.dataset.phase);
    var contributionId = Number(live.dataset.contribution);

    // One WebSocket, no negotiation request, as on the phase page.
    var connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/forum", { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
        .withAutomaticReconnect()
        .build();

    function refreshNotices() {
        fetch(window.location.pathname, { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (!html) {
                    return;
                }
                var fresh = new DOMParser().parseFromString(html, "text/html");
                Array.prototype.forEach.call(document.querySelectorAll("section.version"), function (section) {
                    var language = section.id.replace("version-", "");
                    var current = document.getElementById("outdated-" + language);
                    var notice = fresh.getElementById("outdated-" + language);
                    if (notice) {
                        notice = document.importNode(notice, true);
                        if (current) {
                            current.replaceWith(notice);
                        } else {
                            // Where the server puts it: just before the version's text.
                            section.insertBefore(notice, section.querySelector(":scope > div"));
                        }
                    } else if (current) {
                        current.remove();
                    }
                });
            })
            .catch(function () { });
    }

    connection.on("ContributionEdited", function (message) {
        if (message.contributionId === contributionId) {
            refreshNotices();
        }
    });

    function watch() {
        return connection.invoke("WatchPhase", phaseId);
    }

    connection.onreconnected(function () {
        return watch().then(refreshNotices);
    });
    connection.start().then(watch).then(function () {
        document.documentElement.dataset.live = "on";
    }).catch(function () {
        // Without the live connection the page still works: a reload shows what changed.
    });
})();
