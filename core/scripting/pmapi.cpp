#include "core/scripting/pmapi.h"

#include <iterator>

namespace Patchbay::Core {

namespace {

// Evaluated once per ScriptRunner. Everything per script lives in `run`, which begin() replaces,
// so nothing a script does through pm survives into the next one.
const char16_t pmApiSource[] = uR"js(
(function (global, bridge) {
    'use strict';

    var UNAVAILABLE = ' is not available in Patchbay: scripts have no network, file or module access';
    var SCOPE = { environment: 0, collection: 1, globals: 2, local: 3 };
    var hasOwn = Object.prototype.hasOwnProperty;
    var toStr = Object.prototype.toString;

    function unavailable(name) {
        return function () { throw new Error(name + UNAVAILABLE); };
    }
    function unsupported(name, why) {
        return function () { throw new Error(name + ' is not supported in Patchbay' + (why ? ': ' + why : '')); };
    }

    // ---- values shown in messages, the way chai shows them -------------------------------

    function typeOf(v) {
        if (v === null) return 'null';
        var t = typeof v;
        if (t !== 'object') return t;
        if (Array.isArray(v)) return 'array';
        var tag = toStr.call(v).slice(8, -1).toLowerCase();
        return tag === 'arguments' ? 'arguments' : tag;
    }

    function quoteKey(k) {
        return /^[A-Za-z_$][\w$]*$/.test(k) ? k : "'" + k + "'";
    }

    function inspect(v, depth) {
        if (depth === undefined) depth = 2;
        switch (typeOf(v)) {
        case 'string': return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
        case 'number': return (v === 0 && 1 / v < 0) ? '-0' : String(v);
        case 'undefined': case 'null': case 'boolean': return String(v);
        case 'function': return '[Function' + (v.name ? ': ' + v.name : '') + ']';
        case 'regexp': return String(v);
        case 'date': return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
        case 'error': return '[' + (v.name || 'Error') + ': ' + v.message + ']';
        case 'symbol': return String(v);
        case 'array':
            if (!v.length) return '[]';
            if (depth < 0) return '[Array]';
            return '[ ' + v.map(function (x) { return inspect(x, depth - 1); }).join(', ') + ' ]';
        default:
            var keys = Object.keys(v);
            if (!keys.length) return '{}';
            if (depth < 0) return '[Object]';
            return '{ ' + keys.map(function (k) { return quoteKey(k) + ': ' + inspect(v[k], depth - 1); }).join(', ') + ' }';
        }
    }

    // chai's objDisplay: long values are summarised.
    function display(v) {
        var s = inspect(v);
        if (s.length < 40) return s;
        var t = typeOf(v);
        if (t === 'array') return '[ Array(' + v.length + ') ]';
        if (t === 'object') {
            var keys = Object.keys(v);
            return '{ Object (' + (keys.length > 2 ? keys.slice(0, 2).join(', ') + ', ...' : keys.join(', ')) + ') }';
        }
        return s;
    }

    // ---- deep equality (chai's deep-eql for plain data) ----------------------------------

    function deepEqual(a, b, seen) {
        if (a === b) return a !== 0 || 1 / a === 1 / b;
        if (a !== a && b !== b) return true; // NaN
        var ta = typeOf(a);
        if (ta !== typeOf(b) || typeof a !== 'object' || a === null) return false;
        if (ta === 'date') return a.getTime() === b.getTime();
        if (ta === 'regexp') return String(a) === String(b);
        seen = seen || [];
        for (var i = 0; i < seen.length; ++i) {
            if (seen[i][0] === a && seen[i][1] === b) return true;
        }
        seen.push([a, b]);
        var ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length) return false;
        if (ta === 'array' && a.length !== b.length) return false;
        ka.sort(); kb.sort();
        for (i = 0; i < ka.length; ++i) {
            if (ka[i] !== kb[i]) return false;
        }
        for (i = 0; i < ka.length; ++i) {
            if (!deepEqual(a[ka[i]], b[ka[i]], seen)) return false;
        }
        seen.pop();
        return true;
    }

    // "a.b[0].c" -> { exists, value }
    function getPath(obj, path) {
        var parts = String(path).replace(/\[(\d+)\]/g, '.$1').split('.').filter(function (p) { return p !== ''; });
        var cur = obj;
        for (var i = 0; i < parts.length; ++i) {
            if (cur === null || cur === undefined || !(parts[i] in Object(cur))) return { exists: false, value: undefined };
            cur = cur[parts[i]];
        }
        return { exists: true, value: cur };
    }

    // ---- errors ---------------------------------------------------------------------------

    function assertionError(message) {
        var e = new Error(message);
        e.name = 'AssertionError';
        return e;
    }

    function errorText(e) {
        if (e && typeof e === 'object' && 'message' in e) {
            if (e.name === 'AssertionError') return String(e.message);
            return (e.name ? e.name + ': ' : '') + e.message;
        }
        return String(e);
    }

    // ---- pm.expect: a chai BDD subset ----------------------------------------------------

    function Assertion(obj, message, flags) {
        this.__flags = flags || { object: obj, message: message };
    }
    var A = Assertion.prototype;
    Object.defineProperty(A, '_obj', {
        get: function () { return this.__flags.object; },
        set: function (v) { this.__flags.object = v; }
    });

    A.assert = function (expr, msg, negateMsg, expected, actual) {
        var f = this.__flags;
        if (f.negate ? !expr : expr) return;
        var obj = f.object;
        var text = (f.negate ? negateMsg : msg)
            .replace(/#\{this\}/g, function () { return display(obj); })
            .replace(/#\{act\}/g, function () { return display(actual); })
            .replace(/#\{exp\}/g, function () { return display(expected); });
        throw assertionError(f.message ? f.message + ': ' + text : text);
    };

    function getter(names, fn) {
        names.forEach(function (n) {
            Object.defineProperty(A, n, { configurable: true, get: fn });
        });
    }
    function method(names, fn) {
        names.forEach(function (n) {
            Object.defineProperty(A, n, {
                configurable: true, writable: true,
                value: function () { var r = fn.apply(this, arguments); return r === undefined ? this : r; }
            });
        });
    }
    // Usable as a chain word and as a call: expect(x).to.be.a('string'), to.have.length.above(2).
    function chainable(names, fn, chain) {
        names.forEach(function (n) {
            Object.defineProperty(A, n, {
                configurable: true,
                get: function () {
                    var self = this;
                    if (chain) chain.call(self);
                    var f = function () { var r = fn.apply(self, arguments); return r === undefined ? self : r; };
                    delete f.length;
                    delete f.name;
                    Object.setPrototypeOf(f, self);
                    return f;
                }
            });
        });
    }
    function property(names, fn) {
        getter(names, function () { fn.call(this); return this; });
    }

    getter(['to', 'be', 'been', 'is', 'that', 'which', 'and', 'has', 'have', 'with', 'at', 'of', 'same',
            'does', 'but', 'also', 'still'], function () { return this; });
    getter(['not'], function () { this.__flags.negate = !this.__flags.negate; return this; });
    getter(['deep'], function () { this.__flags.deep = true; return this; });
    getter(['nested'], function () { this.__flags.nested = true; return this; });
    getter(['own'], function () { this.__flags.own = true; return this; });
    getter(['any'], function () { this.__flags.any = true; this.__flags.all = false; return this; });
    getter(['all'], function () { this.__flags.all = true; this.__flags.any = false; return this; });

    function same(a, b, deep) { return deep ? deepEqual(a, b) : a === b; }

    method(['equal', 'equals', 'eq'], function (val) {
        var f = this.__flags;
        if (f.deep) return this.eql(val);
        this.assert(f.object === val, 'expected #{this} to equal #{exp}', 'expected #{this} to not equal #{exp}', val,
            f.object);
    });
    method(['eql', 'eqls'], function (val) {
        this.assert(deepEqual(this._obj, val), 'expected #{this} to deeply equal #{exp}',
            'expected #{this} to not deeply equal #{exp}', val, this._obj);
    });

    chainable(['a', 'an'], function (type) {
        type = String(type).toLowerCase();
        var article = /^[aeiou]/.test(type) ? 'an ' : 'a ';
        this.assert(typeOf(this._obj) === type, 'expected #{this} to be ' + article + type,
            'expected #{this} not to be ' + article + type);
    });

    chainable(['include', 'includes', 'contain', 'contains'], function (val) {
        var f = this.__flags, obj = f.object, deep = !!f.deep;
        var t = typeOf(obj), found;
        var descriptor = deep ? 'deep include ' : 'include ';
        if (t === 'string') {
            found = obj.indexOf(val) !== -1;
        } else if (t === 'array') {
            found = obj.some(function (x) { return same(x, val, deep); });
        } else if (t === 'map' || t === 'set') {
            found = false;
            obj.forEach(function (x) { if (same(x, val, deep)) found = true; });
        } else if (t === 'object' && val !== null && typeof val === 'object') {
            var keys = Object.keys(val), self = this;
            if (f.negate) {
                found = keys.every(function (k) { return k in obj && same(obj[k], val[k], deep); });
            } else {
                keys.forEach(function (k) {
                    var has = k in obj;
                    self.assert(has && same(obj[k], val[k], deep),
                        'expected #{this} to have ' + (deep ? 'deep ' : '') + 'property ' + inspect(k) +
                            (has ? ' of #{exp}, but got #{act}' : ''),
                        '', val[k], obj[k]);
                });
                return;
            }
        } else {
            throw assertionError('the value tested with include must be an array, an object, a map, a set or a string, but ' +
                t + ' given: ' + display(obj));
        }
        this.assert(found, 'expected #{this} to ' + descriptor + '#{exp}', 'expected #{this} to not ' + descriptor + '#{exp}', val);
    }, function () { this.__flags.contains = true; });

    function lengthOf(obj) {
        var t = typeOf(obj);
        if (t === 'map' || t === 'set') return obj.size;
        if (obj === null || obj === undefined || typeof obj.length !== 'number') {
            throw assertionError('expected ' + display(obj) + ' to have a length');
        }
        return obj.length;
    }

    function compare(names, test, word, negWord) {
        method(names, function (n) {
            var f = this.__flags;
            if (f.doLength) {
                var len = lengthOf(f.object);
                this.assert(test(len, n), 'expected #{this} to have a length ' + word + ' #{exp} but got #{act}',
                    'expected #{this} to not have a length ' + word + ' #{exp}', n, len);
            } else {
                if (typeof f.object !== 'number' && !(f.object instanceof Date)) {
                    throw assertionError('expected ' + display(f.object) + ' to be a number or a date');
                }
                this.assert(test(f.object, n), 'expected #{this} to be ' + word + ' #{exp}',
                    'expected #{this} to be ' + negWord + ' #{exp}', n);
            }
        });
    }
    compare(['above', 'gt', 'greaterThan'], function (a, b) { return a > b; }, 'above', 'at most');
    compare(['least', 'gte', 'greaterThanOrEqual'], function (a, b) { return a >= b; }, 'at least', 'below');
    compare(['below', 'lt', 'lessThan'], function (a, b) { return a < b; }, 'below', 'at least');
    compare(['most', 'lte', 'lessThanOrEqual'], function (a, b) { return a <= b; }, 'at most', 'above');

    method(['within'], function (start, finish) {
        var f = this.__flags, range = start + '..' + finish;
        if (f.doLength) {
            var len = lengthOf(f.object);
            this.assert(len >= start && len <= finish, 'expected #{this} to have a length within ' + range,
                'expected #{this} to not have a length within ' + range);
        } else {
            this.assert(f.object >= start && f.object <= finish, 'expected #{this} to be within ' + range,
                'expected #{this} to not be within ' + range);
        }
    });
    method(['closeTo', 'approximately'], function (expected, delta) {
        this.assert(Math.abs(this._obj - expected) <= delta, 'expected #{this} to be close to ' + expected + ' +/- ' + delta,
            'expected #{this} not to be close to ' + expected + ' +/- ' + delta);
    });

    chainable(['length', 'lengthOf'], function (n) {
        var len = lengthOf(this._obj);
        this.assert(len === n, 'expected #{this} to have a length of #{exp} but got #{act}',
            'expected #{this} to not have a length of #{act}', n, len);
    }, function () { this.__flags.doLength = true; });

    property(['ok'], function () {
        if (isMessage(this._obj)) return statusIs.call(this, 200, 'OK');
        this.assert(!!this._obj, 'expected #{this} to be truthy', 'expected #{this} to be falsy');
    });
    property(['true'], function () {
        this.assert(this._obj === true, 'expected #{this} to be true', 'expected #{this} to be false');
    });
    property(['false'], function () {
        this.assert(this._obj === false, 'expected #{this} to be false', 'expected #{this} to be true');
    });
    property(['null'], function () {
        this.assert(this._obj === null, 'expected #{this} to be null', 'expected #{this} not to be null');
    });
    property(['undefined'], function () {
        this.assert(this._obj === undefined, 'expected #{this} to be undefined', 'expected #{this} not to be undefined');
    });
    property(['NaN'], function () {
        this.assert(this._obj !== this._obj, 'expected #{this} to be NaN', 'expected #{this} not to be NaN');
    });
    property(['exist', 'exists'], function () {
        this.assert(this._obj !== null && this._obj !== undefined, 'expected #{this} to exist',
            'expected #{this} to not exist');
    });
    property(['empty'], function () {
        var obj = this._obj, t = typeOf(obj), size;
        if (t === 'string' || t === 'array' || t === 'arguments') size = obj.length;
        else if (t === 'map' || t === 'set') size = obj.size;
        else if (obj !== null && typeof obj === 'object') size = Object.keys(obj).length;
        else throw assertionError('.empty was passed ' + t + ' ' + display(obj) + ', not a string, array, map, set or object');
        this.assert(size === 0, 'expected #{this} to be empty', 'expected #{this} not to be empty');
    });

    method(['property'], function (name, val) {
        var f = this.__flags, obj = f.object, withValue = arguments.length > 1;
        if (obj === null || obj === undefined) {
            throw assertionError('expected ' + display(obj) + ' to have property ' + inspect(name) +
                ', but it is ' + display(obj));
        }
        var has, value;
        if (f.nested) {
            var p = getPath(obj, name);
            has = p.exists; value = p.value;
        } else {
            has = f.own ? hasOwn.call(obj, name) : (name in Object(obj));
            value = obj[name];
        }
        var descriptor = (f.deep ? 'deep ' : '') + (f.own ? 'own ' : '') + (f.nested ? 'nested ' : '') + 'property ' +
            inspect(name);
        if (!f.negate || !withValue) {
            this.assert(has, 'expected #{this} to have ' + descriptor, 'expected #{this} to not have ' + descriptor);
        }
        if (withValue) {
            this.assert(has && same(value, val, f.deep), 'expected #{this} to have ' + descriptor + ' of #{exp}, but got #{act}',
                'expected #{this} to not have ' + descriptor + ' of #{act}', val, value);
        }
        f.object = value;
    });
    method(['ownProperty', 'haveOwnProperty'], function () {
        this.__flags.own = true;
        return this.property.apply(this, arguments);
    });

    method(['match', 'matches'], function (re) {
        this.assert(re.exec(String(this._obj)) !== null, 'expected #{this} to match ' + String(re),
            'expected #{this} not to match ' + String(re));
    });
    method(['string'], function (s) {
        this.assert(String(this._obj).indexOf(s) !== -1, 'expected #{this} to contain ' + inspect(s),
            'expected #{this} to not contain ' + inspect(s));
    });
    method(['oneOf'], function (list) {
        var obj = this._obj, deep = this.__flags.deep;
        this.assert(list.some(function (x) { return same(x, obj, deep); }), 'expected #{this} to be one of #{exp}',
            'expected #{this} to not be one of #{exp}', list);
    });
    method(['satisfy', 'satisfies'], function (fn) {
        this.assert(fn(this._obj), 'expected #{this} to satisfy ' + display(fn), 'expected #{this} to not satisfy ' + display(fn));
    });
    method(['instanceof', 'instanceOf'], function (ctor) {
        var name = ctor && ctor.name ? ctor.name : display(ctor);
        this.assert(this._obj instanceof ctor, 'expected #{this} to be an instance of ' + name,
            'expected #{this} to not be an instance of ' + name);
    });
    method(['keys', 'key'], function (keys) {
        var f = this.__flags, obj = f.object;
        if (arguments.length !== 1 || typeOf(keys) === 'string') keys = Array.prototype.slice.call(arguments);
        else if (typeOf(keys) === 'object') keys = Object.keys(keys);
        keys = keys.map(String);
        if (!keys.length) throw assertionError('keys required');
        var t = typeOf(obj);
        var actual = (t === 'map' || t === 'set') ? Array.from(obj.keys()) : Object.keys(Object(obj));
        var any = !!f.any, ok;
        if (any) {
            ok = keys.some(function (k) { return actual.indexOf(k) !== -1; });
        } else {
            ok = keys.every(function (k) { return actual.indexOf(k) !== -1; });
            if (!f.contains) ok = ok && keys.length === actual.length;
        }
        var shown = keys.map(inspect), str;
        if (keys.length > 1) {
            var last = shown.pop();
            str = shown.join(', ') + (any ? ', or ' : ', and ') + last;
        } else {
            str = shown[0];
        }
        str = (f.contains ? 'contain ' : 'have ') + (keys.length > 1 ? 'keys ' : 'key ') + str;
        this.assert(ok, 'expected #{this} to ' + str, 'expected #{this} to not ' + str);
    });
    method(['members'], function (list) {
        var f = this.__flags, obj = f.object, deep = !!f.deep;
        if (!Array.isArray(obj) || !Array.isArray(list)) {
            throw assertionError('members needs two arrays, but got ' + display(obj) + ' and ' + display(list));
        }
        var pool = obj.slice(), ok = f.contains || pool.length === list.length;
        for (var i = 0; ok && i < list.length; ++i) {
            var idx = -1;
            for (var j = 0; j < pool.length; ++j) {
                if (same(pool[j], list[i], deep)) { idx = j; break; }
            }
            if (idx === -1) ok = false;
            else pool.splice(idx, 1);
        }
        var what = f.contains ? 'be a superset of' : 'have the same ' + (deep ? 'deep ' : '') + 'members as';
        this.assert(ok, 'expected #{this} to ' + what + ' #{exp}', 'expected #{this} to not ' + what + ' #{exp}', list);
    });
    method(['throw', 'throws', 'Throw'], function (expected) {
        var fn = this._obj, thrown = false, err;
        if (typeof fn !== 'function') throw assertionError('expected ' + display(fn) + ' to be a function');
        try { fn(); } catch (e) { thrown = true; err = e; }
        if (expected === undefined || !thrown) {
            this.assert(thrown, 'expected #{this} to throw an error', 'expected #{this} to not throw an error but #{act} was thrown',
                undefined, err);
            return;
        }
        var text = errorText(err);
        var ok = typeOf(expected) === 'regexp' ? expected.test(text)
            : typeof expected === 'function' ? err instanceof expected
            : text.indexOf(String(expected)) !== -1;
        this.assert(ok, 'expected #{this} to throw an error matching #{exp} but got #{act}',
            'expected #{this} to not throw an error matching #{exp}', expected, text);
    });

    // ---- Postman's response assertions (chai-postman) -------------------------------------

    function isMessage(v) { return v !== null && typeof v === 'object' && v.__patchbayMessage !== undefined; }
    function isResponse(v) { return isMessage(v) && v.__patchbayMessage === 'response'; }
    function needResponse(a, what) {
        if (!isResponse(a._obj)) throw assertionError(what + ' can only be used on pm.response, not on ' + display(a._obj));
        return a._obj;
    }
    function statusIs(code, reason) {
        var r = needResponse(this, 'ok');
        this.assert(r.code === code, 'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', code, r.code);
        return reason;
    }
    method(['status'], function (codeOrReason) {
        var r = needResponse(this, 'status()');
        if (typeof codeOrReason === 'number') {
            this.assert(r.code === codeOrReason, 'expected response to have status code #{exp} but got #{act}',
                'expected response to not have status code #{act}', codeOrReason, r.code);
        } else {
            this.assert(r.status === codeOrReason, 'expected response to have status reason #{exp} but got #{act}',
                'expected response to not have status reason #{act}', codeOrReason, r.status);
        }
    });
    method(['statusCode'], function (code) {
        var r = needResponse(this, 'statusCode()');
        this.assert(r.code === Number(code), 'expected response to have status code #{exp} but got #{act}',
            'expected response to not have status code #{act}', Number(code), r.code);
    });
    method(['statusReason'], function (reason) {
        var r = needResponse(this, 'statusReason()');
        this.assert(r.status === String(reason), 'expected response to have status reason #{exp} but got #{act}',
            'expected response to not have status reason #{act}', String(reason), r.status);
    });
    function statusClass(a, cls) {
        var r = needResponse(a, 'a status class');
        a.assert(Math.floor(r.code / 100) === cls, 'expected response code to be #{exp}XX but found #{act}',
            'expected response code to not be #{exp}XX', cls, r.code);
    }
    method(['statusCodeClass'], function (cls) { statusClass(this, cls); });
    [['info', 1], ['success', 2], ['redirection', 3], ['clientError', 4], ['serverError', 5]].forEach(function (p) {
        property([p[0]], function () { statusClass(this, p[1]); });
    });
    property(['error'], function () {
        var r = needResponse(this, 'error'), cls = Math.floor(r.code / 100);
        this.assert(cls === 4 || cls === 5, 'expected response code to be 4XX or 5XX but found #{act}',
            'expected response code to not be 4XX or 5XX', null, r.code);
    });
    [['accepted', 202], ['withoutContent', 204], ['badRequest', 400], ['unauthorised', 401], ['unauthorized', 401],
     ['forbidden', 403], ['notFound', 404], ['notAcceptable', 406], ['rateLimited', 429]].forEach(function (p) {
        property([p[0]], function () {
            var r = needResponse(this, p[0]);
            this.assert(r.code === p[1], 'expected response to have status code #{exp} but got #{act}',
                'expected response to not have status code #{act}', p[1], r.code);
        });
    });
    method(['header'], function (name, value) {
        var m = this._obj;
        if (!isMessage(m)) throw assertionError('header() can only be used on pm.response or pm.request, not on ' + display(m));
        var what = m.__patchbayMessage, has = m.headers.has(name);
        this.assert(has, 'expected ' + what + " to have header with key '" + String(name) + "'",
            'expected ' + what + " to not have header with key '" + String(name) + "'");
        if (arguments.length < 2) return;
        var actual = m.headers.get(name);
        this.assert(actual === value, "expected '" + String(name) + "' " + what + ' header to be #{exp} but got #{act}',
            "expected '" + String(name) + "' " + what + ' header to not be #{act}', value, actual);
    });
    property(['withBody'], function () {
        var text = needResponse(this, 'withBody').text();
        this.assert(text.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
    });
    function jsonProblem(r) {
        try { r.json(); return ''; } catch (e) { return errorText(e); }
    }
    property(['json'], function () {
        var problem = jsonProblem(needResponse(this, 'json'));
        this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
            'expected response body not to be a valid json');
    });
    method(['body'], function (content) {
        var r = needResponse(this, 'body()'), data;
        if (content !== null && typeOf(content) === 'object') {
            try { data = r.json(); } catch (e) { /* compared as undefined */ }
            this.assert(deepEqual(data, content), 'expected response body json to equal #{exp} but got #{act}',
                'expected response body json to not equal #{exp} but got #{act}', content, data);
            return;
        }
        data = r.text();
        if (arguments.length === 0) {
            this.assert(data.length > 0, 'expected response to have content in body', 'expected response to not have content in body');
        } else if (typeOf(content) === 'regexp') {
            this.assert(content.exec(data) !== null, 'expected response body text to match #{exp} but got #{act}',
                'expected response body text #{act} to not match #{exp}', content, data);
        } else {
            this.assert(data === content, 'expected response body to equal #{exp} but got #{act}',
                'expected response body to not equal #{exp}', content, data);
        }
    });
    method(['jsonBody'], function (path, value) {
        var r = needResponse(this, 'jsonBody()'), body, problem = '';
        try { body = r.json(); } catch (e) { problem = errorText(e); }
        if (arguments.length === 0) {
            this.assert(!problem, 'expected response body to be a valid json but got error ' + problem,
                'expected response body not to be a valid json');
            return;
        }
        var p = getPath(body, path);
        this.assert(p.exists, 'expected #{act} in response to contain property #{exp}',
            'expected #{act} in response to not contain property #{exp}', path, body);
        if (arguments.length > 1) {
            this.assert(deepEqual(p.value, value), 'expected response body json at "' + path + '" to contain #{exp} but got #{act}',
                'expected response body json at "' + path + '" to not contain #{exp} but got #{act}', value, p.value);
        }
    });
    chainable(['responseTime'], function (value) {
        if (arguments.length) {
            this.assert(this._obj === value, 'expected response time to be #{exp} but got #{act}',
                'expected response time to not be #{exp}', value, this._obj);
        }
    }, function () { this.__flags.object = needResponse(this, 'responseTime').responseTime; });

    function expect(value, message) { return new Assertion(value, message); }
    expect.fail = function (actual, expected, message) {
        if (arguments.length < 2) message = actual;
        throw assertionError(message === undefined ? 'expect.fail()' : String(message));
    };

    // ---- per-run state --------------------------------------------------------------------

    var run = null; // the state of the script being run

    function variableText(v) {
        if (v === undefined) return '';
        if (typeof v === 'string') return v;
        if (v !== null && typeof v === 'object') {
            try { return JSON.stringify(v); } catch (e) { return String(v); }
        }
        return String(v);
    }
    function lookup(scope, name) {
        name = String(name);
        if (scope >= 0 && name in run.vars[scope]) return run.vars[scope][name];
        if (name in run.latest) return run.latest[name];
        var v = bridge.variable(name);
        return v === null ? undefined : v;
    }
    function setVar(scope, name, value) {
        name = String(name);
        value = variableText(value);
        run.vars[scope][name] = value;
        run.latest[name] = value;
        bridge.setVariable(scope, name, value);
    }
    function unsetVar(scope, name) {
        name = String(name);
        run.vars[scope][name] = undefined;
        run.latest[name] = undefined;
        bridge.unsetVariable(scope, name);
    }
    function replaceIn(scope, text) {
        if (text === undefined || text === null) return text;
        return String(text).replace(/\{\{([^{}]+)\}\}/g, function (m, name) {
            var v = lookup(scope, name);
            return v === undefined ? m : v;
        });
    }
    function ownValues(map) {
        var out = {};
        Object.keys(map).forEach(function (k) { if (map[k] !== undefined) out[k] = map[k]; });
        return out;
    }
    function variableScope(label, scope) {
        return {
            get: function (name) { return lookup(scope, name); },
            has: function (name) { return lookup(scope, name) !== undefined; },
            set: function (name, value) { setVar(scope, name, value); },
            unset: function (name) { unsetVar(scope, name); },
            clear: function () {
                var map = run.vars[scope];
                Object.keys(map).forEach(function (k) { if (map[k] !== undefined) unsetVar(scope, k); });
            },
            toObject: function () { return ownValues(scope === SCOPE.local ? run.latest : run.vars[scope]); },
            replaceIn: function (text) { return replaceIn(scope, text); }
        };
    }
    function readOnlyScope(label) {
        var readOnly = function () { throw new Error(label + ' is read-only'); };
        return {
            get: function (name) { var v = bridge.variable(String(name)); return v === null ? undefined : v; },
            has: function (name) { var v = bridge.variable(String(name)); return v !== null && v !== undefined; },
            set: readOnly, unset: readOnly, clear: readOnly,
            toObject: function () { return {}; },
            replaceIn: function (text) { return replaceIn(-1, text); }
        };
    }
    // Legacy `environment.token`, `globals.x`, `data.x`.
    function variableView(scope) {
        return new Proxy({}, {
            get: function (t, name) { return typeof name === 'string' ? lookup(scope, name) : undefined; },
            has: function (t, name) { return typeof name === 'string' && lookup(scope, name) !== undefined; }
        });
    }

    function formatArg(v) {
        if (typeof v === 'string') return v;
        if (v === undefined) return 'undefined';
        if (typeof v === 'function' || typeof v === 'symbol') return String(v);
        if (v instanceof Error) return errorText(v);
        if (v !== null && typeof v === 'object') {
            try {
                var s = JSON.stringify(v);
                return s === undefined ? String(v) : s;
            } catch (e) {
                return String(v);
            }
        }
        return String(v);
    }
    function log() {
        var parts = [];
        for (var i = 0; i < arguments.length; ++i) parts.push(formatArg(arguments[i]));
        bridge.log(parts.join(' '));
    }
    var console = Object.freeze({ log: log, info: log, warn: log, error: log, debug: log, trace: log });

    function HeaderList(pairs, owner) {
        this._pairs = pairs;
        this._owner = owner;
    }
    var H = HeaderList.prototype;
    H._find = function (name) {
        name = String(name).toLowerCase();
        for (var i = 0; i < this._pairs.length; ++i) {
            if (this._pairs[i].key.toLowerCase() === name) return this._pairs[i];
        }
        return undefined;
    };
    H.get = function (name) { var h = this._find(name); return h ? h.value : undefined; };
    H.one = function (name) { var h = this._find(name); return h ? { key: h.key, value: h.value } : undefined; };
    H.has = function (name, value) {
        var h = this._find(name);
        return arguments.length > 1 ? !!h && h.value === value : !!h;
    };
    H.all = function () { return this._pairs.map(function (h) { return { key: h.key, value: h.value }; }); };
    H.toJSON = H.all;
    H.each = function (fn) { this.all().forEach(function (h) { fn(h); }); };
    H.forEach = H.each;
    H.map = function (fn) { return this.all().map(function (h) { return fn(h); }); };
    H.filter = function (fn) { return this.all().filter(function (h) { return fn(h); }); };
    H.count = function () { return this._pairs.length; };
    H.toObject = function () {
        var out = {};
        this._pairs.forEach(function (h) { out[h.key] = h.value; });
        return out;
    };
    H.toString = function () { return this._pairs.map(function (h) { return h.key + ': ' + h.value; }).join('\n'); };
    ['add', 'upsert', 'remove', 'clear', 'append', 'insert', 'prepend', 'populate', 'repopulate'].forEach(function (m) {
        H[m] = function () {
            throw new Error(this._owner + '.headers.' + m + ' is not supported in Patchbay: a script cannot change ' +
                (this._owner === 'pm.request' ? 'the request; edit its headers or use {{variables}}' : 'the response'));
        };
    });
    function headerList(flat, owner) {
        var pairs = [];
        for (var i = 0; i + 1 < flat.length; i += 2) pairs.push({ key: flat[i], value: flat[i + 1] });
        return new HeaderList(pairs, owner);
    }

    function lazy(obj, name, compute) {
        Object.defineProperty(obj, name, {
            configurable: true, enumerable: true,
            get: function () {
                var v = compute();
                Object.defineProperty(obj, name, { value: v, configurable: true, enumerable: true, writable: true });
                return v;
            }
        });
    }

    function makeResponse(info) {
        var text = null;
        var r = {
            code: info.code,
            status: info.reason,
            responseTime: info.responseTime,
            responseSize: info.responseSize,
            reason: function () { return info.reason; },
            details: function () { return { code: info.code, name: info.reason, detail: info.reason }; },
            text: function () {
                if (text === null) text = bridge.responseText('pm.response.text()');
                return text;
            },
            events: function () {
                return bridge.responseEvents('pm.response.events()');
            },
            json: function () {
                if (text === null) text = bridge.responseText('pm.response.json()');
                if (!/\S/.test(text)) throw new Error('pm.response.json(): the response body is empty, not JSON');
                try {
                    return JSON.parse(text);
                } catch (e) {
                    throw new Error('pm.response.json(): the response body is not valid JSON (' + e.message +
                        '); it starts with ' + inspect(text.slice(0, 40)));
                }
            }
        };
        Object.defineProperty(r, '__patchbayMessage', { value: 'response' });
        lazy(r, 'headers', function () { return headerList(bridge.responseHeaders(), 'pm.response'); });
        Object.defineProperty(r, 'to', { get: function () { return new Assertion(r); } });
        return r;
    }

    function makeRequest(info) {
        var q = {
            method: info.method,
            body: info.bodyMode ? { mode: info.bodyMode, raw: info.bodyRaw, toString: function () { return info.bodyRaw; } }
                                : undefined
        };
        Object.defineProperty(q, '__patchbayMessage', { value: 'request' });
        lazy(q, 'url', function () {
            var u = bridge.requestUrl();
            var hostPort = u.host + (u.port >= 0 ? ':' + u.port : '');
            return {
                protocol: u.protocol,
                host: u.host ? u.host.split('.') : [],
                port: u.port >= 0 ? String(u.port) : undefined,
                path: u.path.split('/').filter(function (s) { return s !== ''; }),
                toString: function () { return u.raw; },
                getHost: function () { return u.host; },
                getRemote: function () { return hostPort; },
                getPath: function () { return u.path || '/'; },
                getQueryString: function () { return u.query; },
                getPathWithQuery: function () { return (u.path || '/') + (u.query ? '?' + u.query : ''); }
            };
        });
        lazy(q, 'headers', function () { return headerList(bridge.requestHeaders(), 'pm.request'); });
        Object.defineProperty(q, 'to', { get: function () { return new Assertion(q); } });
        return q;
    }

    function test(name, fn) {
        name = String(name);
        if (typeof fn !== 'function') {
            bridge.log('pm.test("' + name + '") has no function; skipped');
            return global.pm;
        }
        var failure = null;
        try {
            if (fn.length > 0) {
                fn(function (err) { if (err && !failure) failure = err; });
            } else {
                fn();
            }
        } catch (e) {
            failure = e;
        }
        bridge.addTest(name, failure === null, failure === null ? '' : errorText(failure));
        return global.pm;
    }
    test.skip = function (name) {
        bridge.log('Skipped test "' + String(name) + '"');
        return global.pm;
    };

    // What every pm shares. Frozen, so that a script cannot change it for the scripts after it;
    // only `info` and the lazily made request and response belong to one run.
    var scopes = {
        environment: Object.freeze(variableScope('pm.environment', SCOPE.environment)),
        collectionVariables: Object.freeze(variableScope('pm.collectionVariables', SCOPE.collection)),
        globals: Object.freeze(variableScope('pm.globals', SCOPE.globals)),
        variables: Object.freeze(variableScope('pm.variables', SCOPE.local)),
        iterationData: Object.freeze(readOnlyScope('pm.iterationData'))
    };
    var pmShared = {
        test: Object.freeze(test),
        expect: Object.freeze(expect),
        environment: scopes.environment,
        collectionVariables: scopes.collectionVariables,
        globals: scopes.globals,
        variables: scopes.variables,
        iterationData: scopes.iterationData,
        sendRequest: unavailable('pm.sendRequest'),
        execution: Object.freeze({
            setNextRequest: unsupported('pm.execution.setNextRequest', 'Patchbay runs requests in order'),
            skipRequest: unsupported('pm.execution.skipRequest', 'Patchbay runs requests in order')
        }),
        setNextRequest: unsupported('pm.setNextRequest', 'Patchbay runs requests in order'),
        visualizer: Object.freeze({
            set: function () { bridge.log('pm.visualizer.set is ignored: Patchbay has no visualizer'); },
            clear: function () {}
        }),
        require: unavailable('pm.require')
    };
    ['cookies', 'vault'].forEach(function (n) {
        Object.defineProperty(pmShared, n, { enumerable: true, get: unsupported('pm.' + n) });
    });
    Object.defineProperty(pmShared, 'request', {
        enumerable: true,
        get: function () { return run.request || (run.request = makeRequest(run.info)); }
    });
    Object.defineProperty(pmShared, 'response', {
        enumerable: true,
        get: function () {
            if (!run.info.response) return undefined;
            return run.response || (run.response = makeResponse(run.info));
        }
    });
    Object.freeze(pmShared);

    function makePm(info) {
        var pm = Object.create(pmShared);
        pm.info = { requestName: info.requestName, iteration: info.iteration, eventName: info.response ? 'test' : 'prerequest' };
        return pm;
    }

    var postman = (function () {
        var env = SCOPE.environment, glob = SCOPE.globals;
        return Object.freeze({
            setEnvironmentVariable: function (n, v) { setVar(env, n, v); },
            getEnvironmentVariable: function (n) { return lookup(env, n); },
            clearEnvironmentVariable: function (n) { unsetVar(env, n); },
            clearEnvironmentVariables: function () { scopes.environment.clear(); },
            setGlobalVariable: function (n, v) { setVar(glob, n, v); },
            getGlobalVariable: function (n) { return lookup(glob, n); },
            clearGlobalVariable: function (n) { unsetVar(glob, n); },
            clearGlobalVariables: function () { scopes.globals.clear(); },
            getResponseHeader: function (n) { return run.info.response ? pmShared.response.headers.get(n) : undefined; },
            setNextRequest: unsupported('postman.setNextRequest', 'Patchbay runs requests in order')
        });
    })();

    var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    function btoa(input) {
        var s = String(input), out = '';
        for (var i = 0; i < s.length; i += 3) {
            var a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
            if (a > 255 || b > 255 || c > 255) throw new Error('btoa: the string has characters outside Latin-1');
            out += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4 || 0)] +
                (i + 1 < s.length ? B64[((b & 15) << 2) | (c >> 6 || 0)] : '=') +
                (i + 2 < s.length ? B64[c & 63] : '=');
        }
        return out;
    }
    function atob(input) {
        var s = String(input).replace(/[\s=]+/g, ''), out = '', bits = 0, value = 0;
        for (var i = 0; i < s.length; ++i) {
            var v = B64.indexOf(s[i]);
            if (v < 0) throw new Error('atob: the string is not valid base64');
            value = (value << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += String.fromCharCode((value >> bits) & 255);
            }
        }
        return out;
    }

    // Globals a script sees. Each is computed on first use in a run; a script may assign them.
    var globals = {
        pm: function () { return makePm(run.info); },
        console: function () { return console; },
        postman: function () { return postman; },
        tests: function () { return {}; },
        iteration: function () { return run.info.iteration; },
        environment: function () { return variableView(SCOPE.environment); },
        globals: function () { return variableView(SCOPE.globals); },
        data: function () { return variableView(-1); },
        request: function () {
            var q = pmShared.request;
            return { url: q.url.toString(), method: q.method, headers: q.headers.toObject(),
                     data: q.body ? q.body.raw : undefined, name: run.info.requestName };
        },
        responseBody: function () { return run.info.response ? pmShared.response.text() : undefined; },
        responseCode: function () { return run.info.response ? pmShared.response.details() : undefined; },
        responseHeaders: function () { return run.info.response ? pmShared.response.headers.toObject() : undefined; },
        responseTime: function () { return run.info.response ? run.info.responseTime : undefined; },
        require: function () { return unavailable('require'); },
        setTimeout: function () { return unavailable('setTimeout'); },
        setInterval: function () { return unavailable('setInterval'); },
        setImmediate: function () { return unavailable('setImmediate'); },
        clearTimeout: function () { return function () {}; },
        clearInterval: function () { return function () {}; },
        xml2Json: function () { return unsupported('xml2Json', 'parse XML yourself or test the text'); },
        fetch: function () { return unavailable('fetch'); },
        btoa: function () { return btoa; },
        atob: function () { return atob; }
    };
    Object.keys(globals).forEach(function (name) {
        var compute = globals[name];
        Object.defineProperty(global, name, {
            configurable: true, enumerable: false,
            get: function () {
                if (!run) return undefined;
                if (!(name in run.values)) run.values[name] = compute();
                return run.values[name];
            },
            set: function (v) { if (run) run.values[name] = v; }
        });
    });
    ['_', 'CryptoJS', 'cheerio', 'tv4', 'Ajv', 'moment', 'uuid'].forEach(function (name) {
        Object.defineProperty(global, name, {
            configurable: true, enumerable: false,
            get: function () {
                if (run && name in run.values) return run.values[name];
                if (run) throw new Error(name + UNAVAILABLE);
            },
            set: function (v) { if (run) run.values[name] = v; }
        });
    });

    // Everything on the global object now. A script cannot replace or delete any of it (in sloppy
    // mode `JSON = null` is silently ignored), and finish() removes the globals a script added
    // (`x = 1`, `this.x = 1`), so nothing reaches the next script. Defined once: finish() runs
    // after every script and must stay cheap.
    var baselineNames = Object.create(null);
    Object.getOwnPropertyNames(global).forEach(function (n) {
        baselineNames[n] = true;
        var desc = Object.getOwnPropertyDescriptor(global, n);
        if (!desc.configurable) return;
        desc.configurable = false;
        if ('value' in desc) desc.writable = false;
        Object.defineProperty(global, n, desc);
    });
    function restoreGlobals() {
        var added = Object.keys(global);
        for (var i = 0; i < added.length; ++i) {
            if (!baselineNames[added[i]]) {
                try { delete global[added[i]]; } catch (e) { /* made non-configurable: stays */ }
            }
        }
    }

    function userLine(e) {
        var stack = e && typeof e === 'object' ? String(e.stack || '') : '';
        var lines = stack.split('\n');
        for (var i = 0; i < lines.length; ++i) {
            var m = /patchbay-script:(\d+)\s*$/.exec(lines[i]);
            if (m) return Number(m[1]);
        }
        return 0;
    }

    return {
        begin: function (requestName, iteration, method, bodyMode, bodyRaw, response, code, reason, responseTime,
                         responseSize) {
            restoreGlobals(); // promise callbacks run from the event loop, between scripts
            var info = {
                requestName: requestName, iteration: iteration, method: method, bodyMode: bodyMode, bodyRaw: bodyRaw,
                response: response, code: code, reason: reason, responseTime: responseTime, responseSize: responseSize
            };
            run = {
                info: info,
                values: Object.create(null), // the legacy globals, as computed or assigned
                vars: [Object.create(null), Object.create(null), Object.create(null), Object.create(null)],
                latest: Object.create(null), // name -> value set last in any scope (undefined: unset)
                request: null,
                response: null
            };
        },
        // Runs the user's function; returns null or { message, line } for an uncaught exception.
        call: function (fn) {
            try {
                fn();
                return null;
            } catch (e) {
                var error = e !== null && typeof e === 'object' && 'message' in e;
                return { message: error ? (e.name ? e.name + ': ' : '') + e.message : String(e), line: userLine(e) };
            }
        },
        finish: function () {
            var tests = run && run.values.tests;
            if (tests !== null && typeof tests === 'object') {
                Object.keys(tests).forEach(function (name) {
                    var ok = !!tests[name];
                    bridge.addTest(name, ok, ok ? '' : 'expected true');
                });
            }
            run = null;
            restoreGlobals();
        }
    };
})
)js";

} // namespace

QString pmApiScript()
{
    return QString::fromRawData(reinterpret_cast<const QChar *>(pmApiSource),
                                qsizetype(std::size(pmApiSource) - 1));
}

} // namespace Patchbay::Core
