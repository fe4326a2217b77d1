// Forms: after a refused submit the page comes back with an error summary; move the focus to it so that
// keyboard and screen-reader users start from what went wrong, and scroll it into view for everyone.
(() => {
    const summary = document.querySelector('.error-summary');
    if (summary) {
        summary.focus();
        summary.scrollIntoView({ block: 'start' });
    }
})();
