// Drafts kept in this browser for any form[data-draft-key]: what is typed is saved as it is typed, and given back
// after a reload. The server decides the rest: a refused submit comes back with the typed text (data-draft-state="refused"),
// which wins over the saved copy; a taken one names its key in #draft-done on the next page, and the copy is dropped.
(() => {
    const prefix = 'forum-draft:';
    const store = (() => {
        try {
            const probe = prefix + 'probe';
            localStorage.setItem(probe, '1');
            localStorage.removeItem(probe);
            return localStorage;
        } catch {
            return null; // storage off (private mode, policy): forms work as before
        }
    })();
    if (!store) {
        return;
    }

    const done = document.getElementById('draft-done')?.dataset.draftDone;
    if (done) {
        store.removeItem(prefix + done);
    }

    // What a person types: text fields, text areas and selects with a name; never hidden fields (tokens, versions).
    const fieldsOf = form => Array.from(form.elements).filter(field =>
        field.name && !field.readOnly && !field.disabled
        && (field.tagName === 'TEXTAREA' || field.tagName === 'SELECT'
            || (field.tagName === 'INPUT' && ['text', 'search', 'url', 'email', ''].includes(field.getAttribute('type') ?? ''))));

    const read = key => {
        try {
            return JSON.parse(store.getItem(prefix + key) ?? 'null');
        } catch {
            return null;
        }
    };

    const save = form => {
        const values = {};
        for (const field of fieldsOf(form)) {
            values[field.name] = field.value;
        }
        try {
            store.setItem(prefix + form.dataset.draftKey, JSON.stringify(values));
        } catch {
            // storage full: the form still works, the draft is not kept
        }
    };

    for (const form of document.querySelectorAll('form[data-draft-key]')) {
        const saved = read(form.dataset.draftKey);
        if (form.dataset.draftState === 'refused') {
            save(form); // the server's copy of what was sent is the newest
        } else if (saved && typeof saved === 'object') {
            let restored = false;
            for (const field of fieldsOf(form)) {
                const value = saved[field.name];
                if (typeof value !== 'string' || value === field.value) {
                    continue;
                }
                if (field.tagName === 'SELECT' && !Array.from(field.options).some(option => option.value === value)) {
                    continue;
                }
                field.value = value;
                restored = true;
                field.dispatchEvent(new Event('input', { bubbles: true })); // counters follow
            }
            // An edit form folded in a <details> opens when it holds a restored draft.
            if (restored) {
                form.closest('details')?.setAttribute('open', '');
            }
        }
        form.addEventListener('input', () => save(form));
        form.addEventListener('change', () => save(form));
    }
})();
