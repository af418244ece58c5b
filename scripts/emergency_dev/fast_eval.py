"""fast eval: python /tmp/emg/ev.py [langs...] [-m misses] [-f fp]"""
import sys, pickle, os, re, time
sys.path.insert(0, '/work/main')
os.chdir('/work/main')
import yaml
from bot.emergency import net
from pathlib import Path
from multiprocessing import Pool
LANGS = ["en","es","fr","ar","zh","ru","hi","ne","bn","tl","id","pt"]
cache = '/tmp/emg/train.pkl'
if not os.path.exists(cache):
    from bot.nlu_data import training_examples
    ex = [(e.language, e.intent, e.text) for e in training_examples()]
    pickle.dump(ex, open(cache, 'wb'))
EX = pickle.load(open(cache, 'rb'))
def which(text):
    forms = net.text_forms(text)
    for lang, p in net.compiled():
        for f in forms:
            m = p.search(f)
            if m:
                g = m.group(1) if p.groups and p.pattern.startswith('(?s)^(?=') else ''
                return lang, ('LEX[' + str(g) + '] ' if g is not None and p.pattern.startswith('(?s)^(?=') else '') + p.pattern
    return None
def load(path):
    d = yaml.safe_load(open(path, encoding='utf-8')) or {}
    return [str(x) for x in d.get('emergency') or []], [str(x) for x in d.get('not_emergency') or []]
def evl(lang):
    out = []
    res = {}
    for name, path in (('dev', f'scripts/emergency_dev/{lang}.yml'), ('tst', f'tests/emergency/{lang}.yml')):
        pos, neg = load(path)
        miss = [t for t in pos if not which(t)]
        fa = [(t, which(t)) for t in neg]; fa = [x for x in fa if x[1]]
        res[name] = (len(pos)-len(miss), len(pos), len(fa), len(neg), miss, fa)
    negs = [t for l, i, t in EX if l == lang and i != 'emergency']
    fp = [(t, which(t)) for t in negs]; fp = [x for x in fp if x[1]]
    res['train'] = (len(fp), len(negs), fp)
    return lang, res
if __name__ == '__main__':
    args = sys.argv[1:]
    langs = [a for a in args if a in LANGS] or LANGS
    with Pool(2) as pool:
        results = pool.map(evl, langs)
    tot = [0]*8
    for lang, r in results:
        d, t, tr = r['dev'], r['tst'], r['train']
        print(f"{lang} dev {d[0]}/{d[1]} {d[0]/d[1]:.3f} FA {d[2]}/{d[3]} {d[2]/d[3]:.3f} | tst {t[0]}/{t[1]} {t[0]/t[1]:.3f} FA {t[2]}/{t[3]} {t[2]/t[3]:.3f} | trainFP {tr[0]}/{tr[1]} {tr[0]/tr[1]:.3f}")
        for i, v in enumerate([d[0], d[1], d[2], d[3], t[0], t[1], t[2], t[3]]): tot[i] += v
        if '-m' in args:
            for s in (d, t):
                for m in s[4]: print('   MISS', repr(m))
        if '-f' in args:
            for s in (d, t):
                for x, (l, p) in s[5]: print('   FA', repr(x), '<-', l, p[:90])
            for x, (l, p) in tr[2]: print('   TFP', repr(x), '<-', l, p[:90])
    print(f"ALL dev {tot[0]}/{tot[1]} FA {tot[2]}/{tot[3]} | tst {tot[4]}/{tot[5]} FA {tot[6]}/{tot[7]}")
