// Moderation pages, enhanced: the draft summary's language buttons switch in place (without script they post the
// synthesis form back with its text, which works too but reloads), and closing a phase asks in a dialog.
(() => {
    const tabs = document.querySelectorAll('.draft-tab');
    tabs.forEach(tab => tab.addEventListener('click', event => {
        event.preventDefault();
        tabs.forEach(other => {
            const shown = other === tab;
            other.setAttribute('aria-pressed', shown ? 'true' : 'false');
            document.getElementById(other.getAttribute('aria-controls')).hidden = !shown;
        });
        // The address says which language is shown, so that a reload shows it again.
        const url = new URL(window.location.href);
        url.searchParams.set('DraftLanguage', tab.value);
        window.history.replaceState(null, '', url);
    }));

    // The checkbox confirms without script; with script a dialog asks instead, and ticks it.
    document.querySelectorAll('form[data-confirm]').forEach(form => {
        const box = form.querySelector('input[type=checkbox][name=ConfirmClose]');
        if (box) {
            box.required = false;
            box.closest('p').hidden = true;
        }
        form.addEventListener('submit', event => {
            if (!window.confirm(form.dataset.confirm)) {
                event.preventDefault();
                return;
            }
            if (box) {
                box.checked = true;
            }
        });
    });
})();
