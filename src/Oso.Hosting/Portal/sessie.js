// OpenOSO portals: a session that ends never loses work.
// - Two minutes before the session ends for lack of activity the page says so and offers "Ingelogd blijven"
//   (WCAG 2.2.1); five minutes before the end of the working day's limit it says when that is.
// - What someone typed in a form is kept in this tab (sessionStorage) when they post it or when the session ends;
//   after signing in again it is put back into the same form on the same page, with a message, and then forgotten.
//   Passwords, files and hidden fields are never kept. Without JavaScript the portal works as before.
(function () {
    'use strict';
    var script = document.currentScript;
    if (!script || !window.sessionStorage) return;
    var KEY = 'oso.formulier';
    var MAX_AGE = 60 * 60 * 1000;
    var signInPaths = (script.getAttribute('data-inloggen') || '/inloggen').split(' ');
    var idleEnd = Date.parse(script.getAttribute('data-verloopt') || '');
    var absoluteEnd = Date.parse(script.getAttribute('data-eindigt') || '');
    var serverNow = Date.parse(script.getAttribute('data-nu') || '');
    var signedIn = !isNaN(idleEnd) && !isNaN(serverNow);
    // the server's clock decides; the browser only counts the time since the page arrived
    var offset = signedIn ? serverNow - Date.now() : 0;
    var lastForm = null;

    function onSignInPage() {
        return signInPaths.some(function (p) { return location.pathname === p || location.pathname.indexOf(p + '/') === 0; });
    }

    function read() {
        try {
            var saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
            return saved && Date.now() - saved.tijd < MAX_AGE ? saved : null;
        } catch (e) { return null; }
    }

    function write(saved) {
        try { sessionStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* storage full or refused: nothing to keep */ }
    }

    function kept(field) {
        if (!field.name || field.name.indexOf('__') === 0 || field.disabled) return false;
        var type = (field.type || '').toLowerCase();
        return type !== 'password' && type !== 'file' && type !== 'hidden' && type !== 'submit' && type !== 'button';
    }

    function values(form) {
        var list = [];
        Array.prototype.forEach.call(form.elements, function (field) {
            if (!kept(field)) return;
            var type = (field.type || '').toLowerCase();
            if ((type === 'checkbox' || type === 'radio')) { if (field.checked) list.push([field.name, field.value]); }
            else if (field.tagName === 'SELECT') Array.prototype.forEach.call(field.options, function (o) { if (o.selected) list.push([field.name, o.value]); });
            else list.push([field.name, field.value]);
        });
        return list;
    }

    function target(action) {
        var url = new URL(action, location.href);
        return url.pathname + url.search;
    }

    function keepable(form) {
        return form && (form.method || '').toLowerCase() === 'post' && !form.hasAttribute('data-niet-bewaren')
            && !/\/(inloggen|uitloggen|tweestaps)(\/|\?|$)/.test(new URL(form.action, location.href).pathname);
    }

    function save(form, action, afterSignIn) {
        if (!keepable(form)) return;
        var list = values(form);
        if (list.length === 0) return;
        write({ pad: location.pathname + location.search, actie: target(action || form.action), velden: list, tijd: Date.now(), naInloggen: afterSignIn });
    }

    function notice(text, kind, parent) {
        var div = document.createElement('div');
        div.className = 'alert ' + kind;
        div.setAttribute('role', 'status');
        div.tabIndex = -1;
        var p = document.createElement('p');
        p.textContent = text;
        div.appendChild(p);
        var main = parent || document.querySelector('main') || document.body;
        main.insertBefore(div, main.firstChild);
        return div;
    }

    function restore(saved) {
        var form = Array.prototype.find.call(document.forms, function (f) {
            return keepable(f) && target(f.action) === saved.actie;
        });
        if (!form) return false;
        var byName = {};
        saved.velden.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
        Object.keys(byName).forEach(function (name) {
            var wanted = byName[name];
            var fields = Array.prototype.filter.call(form.elements, function (f) { return f.name === name && kept(f); });
            var next = 0;
            fields.forEach(function (field) {
                var type = (field.type || '').toLowerCase();
                if (type === 'checkbox' || type === 'radio') field.checked = wanted.indexOf(field.value) >= 0;
                else if (field.tagName === 'SELECT') Array.prototype.forEach.call(field.options, function (o) { o.selected = wanted.indexOf(o.value) >= 0; });
                else if (next < wanted.length) field.value = wanted[next++];
            });
        });
        // uncheck what was unchecked when it was sent
        Array.prototype.forEach.call(form.elements, function (field) {
            var type = (field.type || '').toLowerCase();
            if ((type === 'checkbox' || type === 'radio') && kept(field) && !byName[field.name]) field.checked = false;
        });
        var box = notice('U was afgemeld voordat dit formulier was verwerkt. Wat u had ingevuld staat er weer: controleer het en verstuur het opnieuw.', 'warning', form.parentNode);
        box.id = 'formulier-teruggezet';
        box.focus();
        return true;
    }

    // what to do with a form kept earlier in this tab
    var saved = read();
    if (saved && onSignInPage()) {
        saved.naInloggen = true;
        write(saved);
        notice('Wat u had ingevuld is bewaard in dit tabblad. Log in; daarna komt u terug op de pagina en staat het er weer.', 'warning').id = 'formulier-bewaard';
    } else if (saved && saved.naInloggen && signedIn && location.pathname === saved.pad.split('?')[0]) {
        sessionStorage.removeItem(KEY);
        restore(saved);
    } else if (saved) {
        sessionStorage.removeItem(KEY); // the post went through (or the person went elsewhere)
    }

    if (!signedIn) return;

    document.addEventListener('submit', function (event) { save(event.target, event.submitter && event.submitter.getAttribute('formaction'), false); }, true);
    document.addEventListener('input', function (event) { if (event.target.form) lastForm = event.target.form; }, true);

    var warning = null;
    function serverTime() { return Date.now() + offset; }
    function clock(ms) { return new Date(ms).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }); }

    function ended() {
        if (lastForm) save(lastForm, null, true);
        location.assign(signInPaths[0] + '?terug=' + encodeURIComponent(location.pathname + location.search) + '&verlopen=true');
    }

    function show(text, canStay) {
        if (warning) warning.remove();
        warning = document.createElement('div');
        warning.className = 'alert warning sessie-waarschuwing';
        warning.id = 'sessie-waarschuwing';
        warning.setAttribute('role', 'alert');
        var p = document.createElement('p');
        p.textContent = text;
        warning.appendChild(p);
        if (canStay) {
            var button = document.createElement('button');
            button.type = 'button';
            button.id = 'sessie-verlengen';
            button.textContent = 'Ingelogd blijven';
            button.addEventListener('click', function () { check('POST'); });
            warning.appendChild(button);
        }
        var main = document.querySelector('main') || document.body;
        main.insertBefore(warning, main.firstChild);
    }

    var timer = null;
    function schedule() {
        clearTimeout(timer);
        var now = serverTime();
        if (now >= idleEnd) { ended(); return; }
        var idleWarn = idleEnd - 2 * 60 * 1000;
        var absoluteWarn = isNaN(absoluteEnd) ? Infinity : absoluteEnd - 5 * 60 * 1000;
        var endsByLimit = !isNaN(absoluteEnd) && absoluteEnd <= idleEnd;
        if (endsByLimit && now >= absoluteWarn) {
            show('Om ' + clock(absoluteEnd) + ' wordt u afgemeld: u bent dan de maximale tijd ingelogd. Rond uw werk af; daarna logt u opnieuw in en gaat u verder waar u was.', false);
            timer = setTimeout(ended, idleEnd - now);
            return;
        }
        if (!endsByLimit && now >= idleWarn) {
            show('Om ' + clock(idleEnd) + ' wordt u afgemeld omdat u een tijd niets heeft gedaan. Wilt u ingelogd blijven?', true);
            timer = setTimeout(function () { check('GET', true); }, idleEnd - now);
            return;
        }
        if (warning) { warning.remove(); warning = null; }
        // before warning, ask the server again: another tab may have kept the session alive meanwhile
        timer = setTimeout(function () { check('GET'); }, Math.max(1000, (endsByLimit ? absoluteWarn : idleWarn) - now));
    }

    function check(method, atEnd) {
        fetch(script.getAttribute('data-sessie') || '/sessie', { method: method, credentials: 'same-origin', headers: method === 'POST' ? { 'Accept': 'application/json', 'X-Oso-Sessie': 'verlengen' } : { 'Accept': 'application/json' } })
            .then(function (r) { return r.json(); })
            .then(function (state) {
                if (!state.aangemeld) { ended(); return; }
                idleEnd = Date.parse(state.verlooptOp);
                absoluteEnd = Date.parse(state.eindigtOp);
                if (method === 'POST' && warning) { warning.remove(); warning = null; }
                if (atEnd && serverTime() >= idleEnd) { ended(); return; }
                schedule();
            })
            .catch(function () { timer = setTimeout(function () { check(method, atEnd); }, 15000); });
    }

    schedule();
})();
