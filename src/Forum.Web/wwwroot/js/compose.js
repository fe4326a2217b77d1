// Writing aids for the forms' fields, all configured by the server in data attributes:
// - data-max-length + data-counter ("{0} / {1} characters"): a live count of what is typed against the rules' limit;
// - data-preview (the preview address) + data-preview-label: a button showing the text as it will be published,
//   rendered and sanitized by the server, the same way as a posted text.
(() => {
    const format = (pattern, ...values) => pattern.replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)]));

    for (const field of document.querySelectorAll('[data-max-length][data-counter]')) {
        const max = Number(field.dataset.maxLength);
        const counter = document.createElement('span');
        counter.className = 'counter meta';
        counter.id = field.id + '-counter';
        // Announced politely, and only when near the limit, so screen readers are not interrupted at each key.
        counter.setAttribute('aria-live', 'off');
        field.insertAdjacentElement('afterend', counter);
        field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') ?? '') + ' ' + counter.id).trim());
        const update = () => {
            const length = field.value.trim().length;
            counter.textContent = format(field.dataset.counter, length, max);
            counter.classList.toggle('over', length > max);
            counter.setAttribute('aria-live', length > max * 0.9 ? 'polite' : 'off');
        };
        field.addEventListener('input', update);
        update();
    }

    for (const field of document.querySelectorAll('textarea[data-preview]')) {
        const form = field.form;
        if (!form) {
            continue;
        }
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'preview-button';
        button.textContent = field.dataset.previewLabel;
        const output = document.createElement('div');
        output.className = 'preview';
        output.id = field.id + '-preview';
        output.hidden = true;
        output.setAttribute('aria-live', 'polite');
        output.setAttribute('lang', field.getAttribute('lang') ?? form.querySelector('select[name$=".Language"]')?.value ?? '');
        button.setAttribute('aria-controls', output.id);
        form.querySelector('button[type="submit"]')?.insertAdjacentElement('beforebegin', button);
        button.insertAdjacentElement('afterend', output);

        button.addEventListener('click', async () => {
            const body = new FormData();
            body.append('body', field.value);
            const token = form.querySelector('input[name="__RequestVerificationToken"]');
            if (token) {
                body.append('__RequestVerificationToken', token.value);
            }
            button.disabled = true;
            try {
                const response = await fetch(field.dataset.preview, { method: 'POST', body, credentials: 'same-origin' });
                const html = await response.text();
                // The server's answer is sanitized HTML (or a refusal in a <p class="error">); other answers (a log-in page, a 5xx) are not shown.
                output.innerHTML = response.ok || response.status === 400 ? html : '';
                if (!output.innerHTML) {
                    output.textContent = field.dataset.previewFailed ?? '';
                }
            } catch {
                output.textContent = field.dataset.previewFailed ?? '';
            } finally {
                button.disabled = false;
                output.hidden = false;
            }
        });
    }
})();
