# Generator of the '--- danger lexicon' block appended to content/emergency/<lang>.yml (rerun after editing; it replaces the block).
# Dev helper; fast_eval.py next to it prints dev + tests/emergency recall/false alarms and training FPs (caches training data in /tmp/emg).
# -*- coding: utf-8 -*-
import re, sys, unicodedata
sys.path.insert(0, '/work/main')
MARK = "  # --- danger lexicon"
L = {}
def acc_latin(s):
    esc = lambda chars: ''.join(ch if ord(ch) < 128 else '\\x%02x' % ord(ch) for ch in chars)
    m = {k: '[' + esc(v) + ']' for k, v in {'a': 'aáàâãä', 'e': 'eéèêë', 'i': 'iíìîï', 'o': 'oóòôõö', 'u': 'uúùûü', 'c': 'cç', 'n': 'nñ'}.items()}
    out, i, inclass = [], 0, False
    while i < len(s):
        ch = s[i]
        if ch == '\\':
            out.append(s[i:i+2]); i += 2; continue
        if ch == '[': inclass = True
        if ch == ']': inclass = False
        if not inclass and ch in m and not (i > 0 and s[i-1] == '?'):
            out.append(m[ch])
        else:
            out.append(ch)
        i += 1
    return ''.join(out)
def acc_ru(s):
    return s.replace('й', '[йи]').replace('ё', '[ёе]')
def acc_ind(s):
    s = unicodedata.normalize('NFC', s)
    return s.replace('्', '्?').replace('্', '্?').replace('़', '़?').replace('়', '়?')
def build(stems, past, calm, now, accf=lambda s: s, comment=''):
    return (stems, past, calm, now, accf)
def build_final(stems):
    g = f'(?!(?=.*(?:{GP}))(?!.*(?:{GN})))(?!.*(?:{GC}))'
    return [f'(?s)^(?=.*?({s})){g}' for s in stems]
def _old(stems, past, calm, now, accf=lambda s: s, comment=''):
    g = ''
    if past:
        if now:
            g += f'(?!(?=.*(?:{accf(past)}))(?!.*(?:{accf(now)})))'
        else:
            g += f'(?!.*(?:{accf(past)}))'
    if calm:
        g += f'(?!.*(?:{accf(calm)}))'
    return [f'(?s)^(?=.*?({s})){g}' for s in stems]

# ---------------- English
EN_PAST = r'\b(last (year|month|week|time|summer|winter)|\w+ (years?|months?|weeks?|days?) ago|ago\b|yesterday|used to|in (19|20)\d\d|when i (was|worked)|(old|previous|former|ex) (job|employer|boss|madam)|i (escaped|left|ran away)\b.{0,40}\b(now|safe)|now i(m| am) (home|safe)|was (raped|beaten|hit|locked|kidnapped)\b.{0,60}\b(now i|home))'
EN_NOW = r'\b(right now|again now|happening now|still (here|hitting|beating|locked)|help me now)\b'
EN_CALM = r"\b(is (it|that|this) (legal|illegal|allowed|a crime|trafficking|normal)|what are my rights|my rights|can (my|an|the) (employer|boss|agency|agent|company|police)|(what|which) (is the )?(number|hotline)|how (do|can|to|should) (i|we|she|he) (report|complain|escape|get out of|sue|know)|how to report|what (should|can|do) (i|we|she) do if|what happens if|what to do if|is there a (law|hotline)|licen[cs]e|can i (sue|report|complain|get compensation|call the police if)|(call|report to) the police on|police on (my|the|him|her)|(job|work|back|head|feet|legs|heat|this|boss|it|shift)( is|s)? killing me|dying (to|for)|gun (at home|license|licence|collection)|feel (so )?trapped|trapped in (this|my|a) (job|contract|debt|country|marriage)|fire (me|us|her|him|them|you|alarm|exit|drill|extinguisher|safety|workers?)|(to|will|gonna|going to|threaten to|can they|could) fire\b|stuck in (debt|this country|the job)|killing (time|it)|locked (out|phone|account|passport)|hiding (my|our|the|his|her) (passport|documents?|papers|salary|money|phone))"
L['en'] = build([
  r"\b(kill(s|ing|ed)? (me|us|her|him|my)|kill\b|murder\w*|knife|knives|gun(point|s)?|pistol|machete|weapon\w*|armed|acid|blood\w*|bleed\w*|rap(e|ed|ing|ist)\b|force(s|d)? (me|her|himself|us|themselves)|forcing (me|her|himself|us)|force sex|sexually assault\w*|molest\w*|grop\w*)",
  r"\b(tied (me|us|her|him|up|my)|tie (me|us|her) up|tying (me|us)|chain(ed|s)|handcuff\w*|locked|locking (me|us)|lock(s)? (me|us) (in|up)|trapped|stuck (inside|in (the|a) (room|container|house|truck|basement|car|boat))|(can ?n?o?[''’]?t|cannot|cant|cnt) (get|go) out|won[''’]?t let (me|us) (out|go|leave)|wont let (me|us) (out|go|leave))",
  r"\b(burn(ed|t|ing|s)? (me|us|her|him|my)|burned|burnt|burning|on fire|fire\b|flames?|with (an|the|a hot) iron|iron (on|burn)|broke (my|her|his|our)|broken (arm|leg|bone|rib|hand|nose|jaw|finger)|poison\w*|drugged|drugg?ing (me|us)|inject\w*|kidnap\w*|abduct\w*|took me|taking (me|us)|took (us|her)|in a van|trunk|chas(e|es|ed|ing) (me|us)|chasing|hiding|looking for (me|us)|searching for (me|us)|coming for (me|us)|after me)",
  r"\b((can[''’]?t|cannot|cant|cnt|can not|not|isn[''’]?t|isnt) breath(e|ing)?|breathing (badly|bad|hard|right)|suffocat\w*|choking|chok(e|ed|es) (me|her|him)|strangl\w*|dying|going to die|gonna die|die\b|suicid\w*|kill myself|end my life|jump(ing)? (off|from|out)|beat(ing|en)|hitting|kicking|kicked|slapping|punching|attack\w*|assault\w*|stab\w*|shot|shoot\w*|smoke everywhere|full of smoke|lots of smoke|police now|(send|call|get) (the )?(police|cops)|save (me|us)\b|sos\b|unconscious|threw (a|the|him|her|someone|them)\b.{0,20}\b(sea|water|river)|overboard|being (beaten|hit|hurt|raped|attacked)|hurt (me|us|her|him)|hurting|(im|i[''’]?m|i am) (hurt|injured)|injured)\b",
], EN_PAST, EN_CALM, EN_NOW)

# ---------------- Spanish
ES_PAST = r'\b(hace (un|una|dos|tres|unos|unas|mucho|tiempo|\d+|anos|meses|semanas)|el (ano|mes) pasado|la semana pasada|ayer|anteayer|(antiguo|anterior|ex) (jefe|patron|empleador|trabajo)|mi (ex|antiguo|anterior) |en (19|20)\d\d|cuando (estaba|trabajaba|era)|ya estoy (en casa|a salvo|segura?)|ahora estoy (en casa|a salvo|bien|segura?))'
ES_NOW = r'\b(ahora mismo|ahorita|otra vez|de nuevo|todavia)\b'
ES_CALM = r'\b(es (legal|ilegal|normal|delito|trata)|esta permitido|es permitido|mis derechos|que derechos|puede (mi|el|la) (jefe|empleador|patron|patrona|agencia|policia)|(que|cual) (es el )?numero|como (denuncio|reporto|denunciar|reportar|puedo|hago|salgo|se si)|que (hago|debo hacer|pasa|hacer) si|puedo (demandar|denunciar|llamar a la policia si)|licencia|(trabajo|espalda|cabeza|calor|jefe) me (esta )?matando|me muero de (ganas|hambre|sueno|risa|calor|frio)|muero de (ganas|hambre)|despedir|me (van a )?despedir|atrapad[oa] en (este|esta|mi|la|el) (trabajo|contrato|deuda|pais)|(arma|pistola) en (su|la) casa)'
L['es'] = build([
  r"\b(mat(a|ar|an|ando|aron|o|e)(me|nos|la|lo)?\b|me mata|nos mata|va a matar|asesin\w*|cuchill\w*|navaja|pistola|arma(s|do|da)?\b|acido|sangr\w*|viol(a|ar|o|ando|aron|ada|ado)\b|violandome|forz(ar|ando|o|arme|arla)\b|abusando de mi|amarr\w*|atad[oa]s?\b|encadena\w*|esposad\w*|encerr\w*|atrapad\w*|no (puedo|podemos|me dejan|nos dejan) salir)",
  r"\b(quem(o|aron|ado|ada|ados|adas|ando|a)\b|me quem\w*|plancha|rot[oa]s? (el|la|mi)|me rompi\w*|rompi(o|eron) (el|la|mi)|hueso|veneno|envenen\w*|drog(a|ado|ada|aron)\w*|inyecc\w*|secuestr\w*|rapt\w*|me (llevaron|llevan|subieron|metieron)|furgoneta|camioneta|maletero|cajuela|persigu\w*|escondid[oa]|me escondo|escondiendo(me)?|me (estan )?buscando|nos (estan )?buscando|viene(n)? por mi)",
  r"\b(no (puedo|puede|podemos) respirar|no respira\w*|respira mal|asfixi\w*|ahog\w*|morir\w*|muero|muriendo|me voy a morir|suicid\w*|matarme|tirarme|saltar (del|de la|por)|golpe(a|ando|an|aron|o)\w*|golpe\w*|peg(ando|an|a)\b|me peg\w*|patea\w*|cachete\w*|bofet\w*|punetazo\w*|fuego|incendi\w*|humo|llam(a|en|ar|e) (a )?(la )?policia|manden? (a )?(la )?policia|policia (ya|ahora)|salv(a|e|en)(me|nos)|socorro|auxilio|herid[oa]|apunal\w*|disparo\w*|dispar(a|ando|aron)|palo|apur(a|ate|ense)|dense prisa|date prisa)\b",
], ES_PAST, ES_CALM, ES_NOW, acc_latin)

# ---------------- French
FR_PAST = r"(l[' ]?annee (derniere|passee)|l[' ]?an dernier|le mois dernier|la semaine derniere|il y a (un|une|deux|trois|\d+|des|quelques|longtemps)|\bhier\b|autrefois|(ancien|ancienne|precedent) (patron|employeur|travail|patronne)|en (19|20)\d\d|quand je (travaillais|etais)|maintenant je suis (rentree?|en securite|chez moi)|je suis (rentree?|en securite))"
FR_NOW = r"\b(maintenant|la tout de suite|en ce moment|encore)\b"
FR_CALM = r"(est[- ]ce (legal|permis|normal|un crime)|c[' ]est (legal|permis|normal|un crime)|est (il|elle) (legal|illegal)|mes droits|quels droits|peut[- ](il|on)|(mon|le) (patron|employeur) peut|quel (est le )?numero|comment (porter plainte|signaler|denoncer|sortir|savoir)|que (faire|se passe|dois)[- ]?.{0,10}\bsi\b|je peux (porter plainte|appeler la police si)|permis de port|(travail|dos|tete|chaleur) me tue|je meurs (d[' ]envie|de faim|de froid|de chaud|de rire)|virer|me renvoyer|licenci|coince avec des dettes|pistolet chez lui|armes? chez lui)"
L['fr'] = build([
  r"\b(tu(e|er|ent|era|erai|ez)\b|me tuer|nous tuer|assassin\w*|couteau\w*|pistolet|arme(s|e)?\b|fusil|acide|sang\b|saign\w*|viol(e|ee|er|ent|ait|ais)?\b|me forcer|abus(e|er) de moi|attach\w*|ligot\w*|enchain\w*|menott\w*|enferm\w*|coince\w*|piege\w*|bloque\w*|(peux|pouvons|peut) pas sortir|m[' ]?empech\w* de sortir)",
  r"\b(brul\w*|fer a repasser|avec le fer|cass\w* (le|la|mon|ma|les)|os casse|empoisonn\w*|poison|drogu\w*|piqure|injection|enlev(e|ee|er|ent)|kidnapp\w*|rapt|emmen\w*|camionnette|coffre|poursui\w*|me suit|me cachant|cache\w*|me cherche\w*|nous cherche\w*)",
  r"\b((peux|peut|arrive) (pas|plus) respirer|respire (pas|plus|mal)|etouff\w*|mourir|meurs|mourrai|vais mourir|suicid\w*|me tuer|sauter (du|de la|par)|frapp(e|ent|er|ait)\w*|me bat\w*|bat(tre|tent|tu|tue)\b|tabass\w*|coups? de pied|gifl\w*|cogn\w*|etrangl\w*|poignard\w*|tir(e|er|ent) sur|feu\b|incendie|fumee|appel(ez|le|er) (la )?police|police (vite|maintenant)|envoy\w* (la )?police|sauv(ez|e|er)[- ]?(moi|nous)|au secours|secours|sos|blesse\w*|baton|vite (svp|s.il|pitie)|depech\w*)\b",
], FR_PAST, FR_CALM, FR_NOW, acc_latin)

# ---------------- Portuguese
PT_PAST = r'\b(ano passado|mes passado|semana passada|ha (um|uma|dois|duas|tres|\d+|anos|meses|muito|tempo)|faz (um|uma|dois|\d+) (ano|anos|mes|meses)|ontem|antigamente|(antigo|antiga|ex) (patrao|patroa|chefe|emprego|empregador)|em (19|20)\d\d|quando (eu )?(trabalhava|estava)|agora (to|estou) (em casa|segur[ao]))'
PT_NOW = r'\b(agora mesmo|de novo|outra vez|ainda)\b'
PT_CALM = r'\b(e (legal|crime|permitido|normal)|isso e (legal|crime|permitido|normal)|meus direitos|quais direitos|pode (o|a|meu|minha) (patrao|patroa|chefe|empregador|agencia|policia)|(qual|que) (o )?numero|como (denuncio|denunciar|faco|saio|sei|sair)|o que (fazer|faco|acontece) se|posso (processar|denunciar|chamar a policia se)|licenca|(trabalho|costas|cabeca|calor) (ta|esta) me matando|morrendo de (saudade|fome|sono|rir|calor|frio|vontade)|demitir|preso em divida|arma em casa)'
L['pt'] = build([
  r"\b(mat(a|ar|am|ando|aram|ou|e)(r)?\b|me matar|vai me matar|assassin\w*|faca\w*|facao|pistola|revolver|arma(s|do|da)?\b|acido|sangu\w*|sangr\w*|estupr\w*|forcando|me forcar|tentando me forc\w*|abus(a|ando) de mim|amarr\w*|acorrent\w*|algem\w*|me tranc\w*|nos tranc\w*|tranc(aram|ou|ada|ado|adas|ados)\b|nao (consigo|posso|podemos|deixam) (sair|a gente sair)|nao deixam a gente sair)",
  r"\b(queim\w*|ferro de passar|com o ferro|quebr(ou|aram|ado|ada) (o|a|meu|minha)|osso|venen\w*|envenen\w*|drog(a|ado|ada|aram)\w*|injec\w*|sequestr\w*|rapt\w*|me (levaram|levando|colocaram|puseram|jogaram)|(na|numa|uma) van\b|porta[- ]?malas|persegu\w*|escondid[ao]|me escondendo|to escondid|me procurando|procurando (a gente|por mim)|atras de mim)",
  r"\b((nao|nem) (consigo|consegue|consegui|to|esta|ta) respir\w*|respirando mal|sufoc\w*|morrer|morrendo|vou morrer|suicid\w*|me matar|pular (do|da|de)|(me )?bat(e|endo|eu|eram|em)\b|apanh(ando|ei|ou)|espanc\w*|chut(ando|aram|ou)\b|tapa\w*|soco\w*|estrangul\w*|esfaque\w*|facad\w*|tiro(s|teio)?\b|atir(a|ando|ou|aram)|fogo|incendio|fumaca|cham(a|em|e|ar) a policia|policia (ja|agora)|mand(a|em|e) a policia|salv(a|e|em)[- ]?(me|nos)|me salv\w*|socorro|sos|machucad[ao]|ferid[ao]|pau\b|anda logo|rapido por ?favor|depressa)\b",
], PT_PAST, PT_CALM, PT_NOW, acc_latin)

# ---------------- Tagalog
TL_PAST = r'\b(last (year|month|week)|noong (isang|nakaraang)|nakaraang (taon|buwan|linggo)|(\d+|isang|dalawang|tatlong) (taon|buwan|linggo|araw|years?|months?) (na ang nakalipas|ago|nakalipas)|ago\b|kahapon|dati|noon pa|noong nasa|nasa (pinas|bahay) na ako|ligtas na ako)'
TL_NOW = r'\b(ngayon na|ngayon mismo|right now|ulit|pa rin|parin)\b'
TL_CALM = r'\b(legal ba|bawal ba|pwede (ba|bang) (ang|ako|ba) ?(mag|tumawag|ireport|ikulong)|karapatan|ano(ng)? (number|numero)|paano (ireport|mag ?report|magreklamo|umalis|makaalis|malalaman)|ano (gagawin|dapat gawin|mangyayari) (ko )?(pag|kung)|pinapatay ako ng trabaho|trabahong to|lisensya|license|baril (amo nya )?sa bahay|tatanggalin)'
L['tl'] = build([
  r"\b(papatayin|pinapatay|pinatay|patayin|papatay\w*|patay|kutsilyo|patalim|baril|armas|asido|dugo|dumudugo|nagdudugo|ginagahasa|gagahasain|ginahasa|hinahalay|hahalayin|tinali|nakatali|itinali|kinadena|nakaposas|pinosasan|kinulong|ikinulong|kinandado|nakakandado|naka ?lock|locked|nakakulong|di (ako|kami) makalabas|hindi (ako|kami) makalabas|(ayaw|di|hindi) (nila|nya|niya) (ako|kami) (palabasin|pakawalan|dalhin))",
  r"\b(sinunog|sinusunog|pinaso|plantsa|binali|bali ang|nabali|lason|nilason|dinroga|dinrugs|drugs|iniksyon|kinidnap|kinikidnap|dinukot|tinangay|sinakay (ako|kami)|isinakay|sa van|trunk|compartment|hinahabol|hinabol|nagtatago|nakatago|hinahanap (nila|nya|niya) (ako|kami)|hinahanap ako)",
  r"\b((di|hindi) (ako|sya|siya|makahinga|kami) ?(makahinga|humihinga)|makahinga|nasasakal|sinasakal|mamamatay|mamatay|namamatay|magpapakamatay|papakamatay|tatalon|sinasaktan|sinaktan|sasaktan|binubugbog|bugbog\w*|binugbog|sinusuntok|sinuntok|sinisipa|sinipa|sinasampal|sinampal|sinaksak|saksak\w*|binaril|babarilin|pinagbabaril|sunog|nasusunog|apoy|usok|tumawag (ng|kayo ng) pulis|pulis (na|ngayon)|(tawagan|tawag) ng pulis|iligtas|saklolo|sos|sugatan|nasugatan|pinalo|hinampas|bilisan|bilis na|bilis po|dalian|dali na|dali po)\b",
], TL_PAST, TL_CALM, TL_NOW, acc_latin)

# ---------------- Indonesian
ID_PAST = r'\b(tahun lalu|bulan lalu|minggu lalu|(\d+|satu|dua|tiga|beberapa|bertahun) ?(tahun|bulan|minggu|hari)?( yang)? lalu|kemarin|dulu|pernah|waktu (kerja|aku|saya) di|sekarang (udah|sudah) (pulang|aman))'
ID_NOW = r'\b(sekarang juga|lagi\b)\b'
ID_CALM = r'\b(apakah (boleh|legal)|itu (legal|ilegal)|legal (gak|nggak|tidak|ya)|hak (saya|aku)|nomor (darurat|polisi|ambulans)|(gimana|bagaimana) (cara|tahu|keluar|lepas)|apa yang (harus|bisa|terjadi)|boleh (gak|nggak|tidak) .{0,15}(panggil|lapor)|bikin mati|mati capek|pistol di rumah|dipecat|lapor (ke ?mana|kemana)|harus lapor|bisa lapor|apa itu|trafficking (gak|nggak|bukan|ya)\b)'
L['id'] = build([
  r"\b(bunuh\w*|dibunuh|membunuh|pisau|golok|celurit|pistol|senjata|senapan|bersenjata|asam|air keras|darah|berdarah|perkosa\w*|diperkosa|memperkosa|dipaksa (ml|hubungan|tidur|begituan)|diikat|ngiket|dirantai|diborgol|(aku|kami|saya|kita) dikunci|dikunci di (kamar|dalam|ruang)|dikunciin|terkunci|dikurung|terkurung|terjebak|gak bisa keluar|nggak bisa keluar|tidak bisa keluar|ga bisa keluar|gk bisa keluar)",
  r"\b(dibakar|terbakar|kebakar\w*|disetrika|nyetrika|setrika|dipatah\w*|patah|racun|diracun|dibius|obat bius|disuntik|suntik\w*|diculik|culik|dibawa (pergi|paksa|ke)|mobil van|bagasi|dikejar|ngejar|sembunyi|ngumpet|nyariin|mencari (aku|saya)|dicari)",
  r"\b((gak|nggak|tidak|ga|gk|ngga) bisa (nafas|napas|bernapas|bernafas)|sesak|sesek|dicekik|nyekik|mati|meninggal|sekarat|bunuh diri|loncat|lompat dari|dipukul\w*|mukul\w*|memukul|digebukin|gebuk\w*|ditendang|nendang|menendang|ditampar|nampar|disiksa|nyiksa|ditusuk|nusuk|ditembak|nembak|kebakaran|api\b|asap|panggil polisi|polisi (sekarang|cepat)|telepon polisi|selamatkan|sos|luka|cepetan|cepet|buruan)\b",
], ID_PAST, ID_CALM, ID_NOW, acc_latin)

# ---------------- Russian
RU_PAST = r'(в прошлом (году|месяце)|на прошлой неделе|(год|года|лет|месяц\w*|недел\w*|дня|дней) назад|\bназад\b|вчера|раньше|когда я (работал|был)\w*|в (19|20)\d\d|теперь я (дома|в безопасности)|(бывш|прежн)\w+ (хозя|работодат|начальн)|v proshlom|nazad|vchera)'
RU_NOW = r'(прямо сейчас|сейчас|опять|снова|ещё|pryamo seichas|seichas|opyat|snova)'
RU_CALM = r'(законно|незаконн|мои права|какие права|може(т|м) ли|(хозя\w*|работодатель|агентство) може|какой номер|как (заявить|пожаловаться|выйти|выбраться|понять|сообщить)|что (делать|будет) если|можно (вызвать|подать|заявить)|работа меня убивает|умираю (как хочу|с голоду|от скуки)|уволят|уволить|дома пистолет|лицензи|zakonno|chto delat esli|kak zayavit)'
L['ru'] = build([
  r"(убь[её]т|убью|убива\w*|убить|убил\w*|убийц\w*|зареж\w*|нож\w*|пистолет\w*|ружь\w*|оруж\w*|кислот\w*|кров\w*|насил\w*|изнасил\w*|принужда\w*|привяза\w*|связа(ли|л|на|н)\b|прикова\w*|наручник\w*|запер(ли|л|т|та)\w*|запира\w*|заперт\w*|взаперти|заблокир\w*|не (могу|можем|выпускают|выпуска\w*) (вы[йи]ти|выбраться)|не выпуска\w*)",
  r"(обожг\w*|обжиг\w*|ожог\w*|утюг\w*|сломал\w*|перелом\w*|отрав\w*|\bяд\b|накача\w*|подсыпал\w*|укол\w*|похит\w*|похищ\w*|увез\w*|увоз\w*|затащи\w*|в фургон|в багажник|багажник\w*|гоня\w*|преследу\w*|прячусь|спрятал\w*|ищут меня|меня ищут|нас ищут|гонятся)",
  r"((не могу|не может|трудно) дыш\w*|не дыши?т|задыха\w*|душ(ит|ат|или)\w*|задуш\w*|умира\w*|умру|умрём|сдохн\w*|покончить с собой|самоубий\w*|прыгн\w*|спрыгн\w*|(бь[её]т|бьют|избива\w*) (меня|нас|её|ее|его|ребенка|ребёнка)|(меня|нас) (бь[её]т|бьют|избива\w*)|бьют и|(бь[её]т|бьют) (сейчас|прямо)|изби(л|ли|т)\w* (меня|нас)|пина\w*|ударил\w*|удар\w*|пощ[её]чин\w*|колот\w*|пырнул\w*|стреля\w*|выстрел\w*|пожар\w*|гор(им|ит|ю)\b|дым\b|дыму|вызовите полицию|полици\w* (срочно|сейчас)|позвоните в полицию|спасите|спаси\b|\bsos\b|\bсос\b|ранен\w*|палк\w*|быстрее|скорее|\bubi(et|vayut|t)|\bnozh|\bkrov|\bzaperl|\bpohit|\bspasite|\bpomogite|\bbystr|\bprygnu|\bishchut|ne mogu dyshat|\bb'yut|\bbyut|\bizbiva|v opasnosti)",
], RU_PAST, RU_CALM, RU_NOW, acc_ru)

# ---------------- Arabic
AR_PAST = r'(السن[ةه] الماضي[ةه]|الشهر الماضي|الاسبوع الماضي|الأسبوع الماضي|من (سن[ةه]|سنتين|سنين|شهر|شهرين|[0-9٠-٩]+)|قبل (سن[ةه]|سنتين|سنين|شهر|اسبوع|[0-9٠-٩]+)|مبارح|امبارح|أمس|امس|لما كنت|كان يضرب|زمان|هلأ رجعت|انا بامان|اللي فات|الي فات|(last|ago|mbare7|mn sene)\b)'
AR_NOW = r'(هلق|هلا|هلأ|دلوقتي|الحين|الآن|الان|هسا|هسه|عم ي|قاعد ي|لسه|مرة تانية|كمان مرة|hala2|halla2|hl2|dlwa2ty|dlw2ty)'
AR_CALM = r'(هل يجوز|هل هذا قانوني|قانوني|مسموح|حقوقي|شو رقم|ما رقم|كم رقم|رقم (الطوارئ|الاسعاف|الإسعاف|الشرطة)|كيف (بشتكي|اشتكي|أشتكي|بطلع|اطلع|بعرف|ابلغ|أبلغ)|شو (بصير|لازم اعمل|لازم أعمل) اذا|شو بقدر اعمل|بقدر (اشتكي|اتصل بالشرطة اذا|ارفع)|يموتني|مسدس بالبيت|عنده مسدس بالبيت|يطردوني|ممنوع)'
L['ar'] = build([
  r"(يقتل|يقتلني|يقتلوني|بيقتل|رح يقتل|حيقتل|قتل|موتني|يموتوني|سكين|سكينه|سكينة|مسدس|سلاح|بندقي|اسيد|أسيد|ماء نار|مية نار|(?<![ء-ي])(ال)?دم(ي)?(?![ء-ي])|بنزف|نزيف|ينزف|عم نزف|اغتصاب|يغتصب|اغتصبني|بيغتصب|يعتدي|اعتدى|اعتداء|تحرش بي|ربطوني|مربوط|مربوطة|ربطني|مقيد|مقيدة|كلبشات|سلاسل|مسكر علي|مقفول|مقفل|قفلوا|قفلو|قافل|محبوس[ةه]? (بال|في|جوا)|حابسين|حابسيني|حبسوني|محتجز|ما (فيني|بقدر|اقدر|أقدر|نقدر) اطلع|مش قادر[ةه]? اطلع|عالق)",
  r"(حرق|حرقت|حرقني|حرقتني|بيولع|ولعت|(?<![ء-ي])(ال)?نار(?![ء-ي])|مكوا[ةه]|المكوى|كسرو|كسرلي|كسر (ايدي|يدي|اجري|رجلي|راسي)|مكسور|(?<![ء-ي])سم(?![ء-ي])|سموني|مخدر|خدروني|حقن[ةه]|ابر[ةه]|خطف|خطفوني|مخطوف|مخطوفة|اخدوني|أخذوني|حطوني|شنط[ةه] السيار[ةه]|صندوق السيار[ةه]|فان|يلحقني|يلحقوني|لاحقني|لاحقيني|عم يلحق|مختبي|مختبئ|متخبي|متخبية|مستخبي|يدوروا علي|بيدوروا علي|عم يدوروا|يدورون علي)",
  r"(ما (بقدر|فيني|اقدر|أقدر|عم) (اتنفس|أتنفس|يتنفس)|مش قادر[ةه]? (اتنفس|أتنفس)|اختنق|اختناق|خنق|عم يخنق|بموت|رح موت|حموت|راح اموت|اموت|أموت|انتحر|انتحار|بدي ارمي حالي|ارمي نفسي|عم يضرب|عم ينضرب|ينضرب|عم يضربو|بيضرب|بيضربو|بيضربني|يضربوني|ضربني|ضربوني|عم يرفس|يرفسني|يصفعني|طعن|طعنني|رصاص|يطلق|حريق|دخان|اتصلو بالشرط[ةه]|اتصلوا بالشرط[ةه]|ابعتو الشرط[ةه]|الشرط[ةه] بسرع[ةه]|شرط[ةه] هلق|انقذوني|أنقذوني|انقذني|الحقوني|الحقني|ساعدوني|النجد[ةه]|نجد[ةه]|مجروح|مجروحة|انجرحت|عصا|عصاي|بسرع[ةه]|\b(ya2telni|y2telni|2atel|sekkin|sikkin|msaddas|dam\b|5atfoun|makhtouf|m2afal|m2fal|ma2foul|ma7bous|ta3anoni|darabni|darbni|yedrobni|3am ydrob|ente7er|mawt|bmout|rah mout|n2izouni|sa3edooni|sa3dooni|el7a2ouni|ma 3am (ytnaffas|yetnaffas|etnaffas)|sharta|shorta|bi2awsouni|awsouni|khayf))",
], AR_PAST, AR_CALM, AR_NOW)

# ---------------- Chinese
ZH_PAST = r'(去年|上个月|上個月|上周|上週|上星期|前年|\d+年前|几年前|幾年前|两年前|兩年前|一年前|[个個]?月前|以前|昨天|当时|當時|那时|过去|現在回|现在回|逃出来了|现在安全|現在安全|在国外工作时)'
ZH_NOW = r'(现在|現在|正在|马上|馬上|又在|还在|還在)'
ZH_CALM = r'(合法吗|合法嗎|违法吗|違法嗎|可以报警吗|能报警吗|怎么举报|怎麼舉報|怎么向|如果.{0,12}(怎么办|会怎样|該怎麼辦)|该怎么办|什么号码|什麼號碼|电话是多少|累死|饿死|餓死|热死|笑死|困死|烦死|家里有枪|家裡有槍|开除|開除|我的权利|權利)'
L['zh'] = build([
  r"(杀了我|杀我|殺我|杀死|殺死|要杀|弄死|打死|刀|枪|槍|武器|硫酸|泼酸|血|强奸|強姦|强暴|強暴|强迫我|強迫我|要强迫|非礼|绑|綁|捆|铁链|鐵鏈|锁链|手铐|手銬|锁在|鎖在|锁住|鎖住|被锁|被鎖|把我锁|把我們鎖|关在|關在|关起来|關起來|困在|出不去|不让我[们們]?出去|不讓我[们們]?出去|不让我走|不放我)",
  r"(烫我|燙我|熨斗|烧伤|燒傷|烧我|燒我|打断|打斷|骨折|断了|斷了|毒|下药|下藥|迷药|迷藥|打针|打針|注射|绑架|綁架|拐走|抓走|带走我|帶走我|被带走|面包车|麵包車|后备箱|後車廂|追我|在追|躲起来|躲起來|躲在|藏在|在找我|找我们|找我們)",
  r"(喘不过气|喘不過氣|不能呼吸|无法呼吸|呼吸不|窒息|掐我|掐住|勒住|快死|要死了|我要死|会死|會死|死了|自杀|自殺|跳楼|跳樓|跳下去|在打|正在打|正在被|在被打|打我|打人|殴打|毆打|踢我|扇我|打耳光|刺伤|捅我|捅了|开枪|開槍|着火|著火|失火|火灾|火災|起火|烟|煙|(快|帮我|幫我|请|請|赶紧|趕緊|马上|馬上)(报警|報警)|报警啊|報警啊|叫警察|找警察|警察快|救命|救救|救我|受伤|受傷|棍|棒子|快点|快點|快来|快來|jiuming|jiu ming|jiujiu|kuai lai|kuaidian)",
], ZH_PAST, ZH_CALM, ZH_NOW)

# ---------------- Hindi
HI_PAST = r'(पिछले (साल|महीने|हफ्ते)|साल पहले|महीने पहले|हफ्ते पहले|सालों पहले|पहले|कल\b|जब (मैं )?(काम|थी|था)|अब (मैं )?(सेफ|सुरक्षित|घर)|\b(pichle|pichhle|pechle) (saal|sal|mahine|hafte)|\b(saal|sal|saalon|mahine|hafte) pehle|\bpehle\b|\bpahle\b|\bgaya saal|\bjab main|\bab (main )?(safe|ghar))'
HI_NOW = r'(अभी|फिर से|\babhi\b|\bphir se\b|\bfir se\b)'
HI_CALM = r'(कानूनी|गैरकानूनी|क्या करूँ|क्या करें|कैसे करूँ|कैसे|नंबर क्या|अधिकार|बुला सकते|निकाल देंगे|\b(kanooni|kanuni|kaise|kya karu|kya karun|number kya|adhikar|maar dalega|nikal denge)\b|bhookh se|भूख से|घर में बंदूक|ghar me bandook)'
L['hi'] = build([
  r"(मार (डालेगा|डालेंगे|देगा|देंगे|रहा|रहे|रही)|मार डाल|मार दूँगा|जान से|हत्या|चाकू|छुरी|बंदूक|पिस्तौल|हथियार|तेज़ाब|तेजाब|एसिड|खून|ख़ून|रेप|बलात्कार|ज़बरदस्ती कर (रहा|रहे|रही)|जबरदस्ती कर (रहा|रहे|रही)|बाँध|बांध|बंधा|बंधी|ज़ंजीर|जंजीर|हथकड़ी|बंद कर (दिया|दिए|रखा|के)|बंद है|कमरे में बंद|फँस|फंस|निकल नहीं|बाहर नहीं जाने)",
  r"(जला|जलाया|प्रेस से|इस्त्री|तोड़ दिया|टूट गया|हड्डी|ज़हर|जहर|नशा|बेहोश|इंजेक्शन|सुई|अगवा|अपहरण|उठा (लिया|ले गए)|गाड़ी में|वैन|डिक्की|पीछा|छुप|छिप|ढूँढ रहे|ढूंढ रहे|खोज रहे)",
  r"(साँस नहीं|सांस नहीं|साँस नही|दम घुट|गला दबा|मर जाऊँगी|मर जाऊंगी|मर जाऊँगा|मरने|मर रही|मर रहा|आत्महत्या|कूद|पीट|मार रहा|मार रहे|मार रही|मारा जा|लात मार|थप्पड़|घूँसा|गोली|आग|धुआँ|धुंआ|पुलिस (बुलाओ|भेजो|को बुलाओ)|बचाओ|बचा लो|बचाइए|घायल|चोट|डंडे|डंडा|लाठी|जल्दी)",
  r"\b(maar (dalega|dalenge|dega|denge|raha|rahe|rahi|diya|dala|dalo)|mar (dalega|dalenge|dega|denge|raha|rahe|rahi|dala)|maarna|marna|maar\b|maara|mara\b|jaan se|qatl|hatya|chaku|chakku|chhuri|churi|bandook|banduk|bandukh|hathiyar|tezaab|tejab|khoon|khun|balatkar|(zabardasti|jabardasti) kar (raha|rahe|rahi)|baandh|bandh|bandha|bandhi|band kar|band kiya|band hai|band hu|zanjeer|janjeer|hathkadi|phans|fans gay|fas gay|nikal nahi)",
  r"\b(jala|jalaya|press se|istri|tod (diya|di)|tut gaya|toot gaya|haddi|zehar|jahar|zahar|nasha|behosh|agwa|apaharan|utha (liya|le)|gaadi me|gadi me|van me|dikki|peecha|picha|chhup|chup ke|chhip|dhundh|dhoondh|dhund rahe|khoj rahe|saans nahi|sans nahi|saas nahi|dam ghut|gala daba|mar jaungi|mar jaunga|marne|mar rahi|mar raha|aatmahatya|atmahatya|kood|kud jaungi|peet|pit rahi|pit raha|laat|thappad|ghoonsa|goli|aag|dhuan|dhuaan|police (bulao|bhejo|ko bulao)|bachao|bacha lo|bachaiye|ghayal|chot|dande|danda|lathi|jaldi)\b",
], HI_PAST, HI_CALM, HI_NOW, acc_ind)

# ---------------- Nepali
NE_PAST = r'(गएको (वर्ष|महिना|हप्ता)|बर्ष अघि|वर्ष अघि|अघि|पहिले|हिजो|अहिले आश्रय|\b(gaeko|gayeko) (barsa|barsha|mahina|hapta)|\b(barsa|barsha|mahina|hapta|barsau) (aghi|agadi)|\baghi\b|\bagadi\b|\bpahile\b|\bhijo\b|\baba ghar|\baba ma surakshit)'
NE_NOW = r'(अहिले नै|फेरि|\bahile nai\b|\bpheri\b)'
NE_CALM = r'(कानुनी|गैरकानुनी|के गर्ने|कसरी|मिल्छ|\b(kanuni|ke garne|kasari|milcha|milchha|number kati|number ke)\b|घरमा बन्दुक|ghar ma banduk|kamle malai|bhok le)'
L['ne'] = build([
  r"(मार्छ|मार्छु|मार्छन्|मारिदिन्छ|मार्दै|मारिदिने|मार्न|हत्या|चक्कु|छुरा|बन्दुक|पेस्तोल|पिस्तोल|हतियार|एसिड|तेजाब|रगत|बलात्कार|जबरजस्ती गर्(न|दै)|बाँध|बाध|साङ्लो|हतकडी|थुनेर|थुनिदि|थुनेको छ|थुनिराख|बन्द गर|ताल्चा|निस्कन (सक्दिन|दिँदैन|दिदैन)|जान दिँदैन|जान दिदैन)",
  r"(पोलिदि|पोल्यो|पोलेर|जलाय|इस्त्री|आइरन|भाँच|भाच|हड्डी|विष|बिष|लागु|बेहोस|सुई|इन्जेक्सन|अपहरण|उठाएर|गाडीमा|भ्यान|डिक्की|लखेट|पछ्याउ|लुक|खोज्दै|खोजिरहेका)",
  r"(सास फेर्न|श्वास|घाँटी थिच|घाटी थिच|मर्छु|मर्छ|मर्दै|मर्न|आत्महत्या|हाम फाल|कुट्दै|कुटिरहेको|कुट्यो|कुटेर|हिर्काउ|हान्|लात|थप्पड|गोली|आगो|धुवाँ|धुवा|प्रहरी (बोलाउ|पठाउ)|पुलिस बोलाउ|बचाउ|घाइते|चोट|लठ्ठी|लौरो|छिटो)",
  r"\b(marchha|marcha|marchu|marchan|maridin\w*|mardai|marna|maardai|maarchha|maaridin\w*|maarna|hatya|chakku|chaku|chura|churi|banduk|bandook|pistol|pestol|hatiyar|tezab|ragat|balatkar|jabarjasti gar(dai|na khoj)\w*|bandhidiy\w*|bandheko|bandhera|sanglo|hatkadi|thuneko|thunyo|thunera|thunidiy\w*|thunchan|band gar(eko|era|idiy)\w*|taalcha|talcha|niskan|jana didaina|jana dinna|jana dina)",
  r"\b(polidiy\w*|polyo|poleko|polera|jalay\w*|bhachidiy\w*|bhanchidiy\w*|bhachyo|bhanchyo|haddi|bish|bis\b|behos\w*|sui\b|apaharan|uthayer|uthaera|gadi ma|gaadi ma|van ma|dikki|lakhet\w*|pachhya\w*|lukeko|lukera|lukdai|luki|khojdai|khojiraheko|khojirahe\w*|sas pher\w*|saas pher\w*|shwas|ghaati|ghati|thichdai|thichyo|marchhu|mardai|atmahatya|aatmahatya|ham phal\w*|bachna mann|kutdai|kutiraheko|kutyo|kutchha|kutera|hirkau\w*|hanyo|hanchha|hanchhu|handai|hanera|hanchu|hanchan|laat|thappad|goli|aago|dhuwa|prahari bolau\w*|police bolau\w*|bachau\w*|ghaite|chot|latthi|lauro|chhito|chito)\b",
], NE_PAST, NE_CALM, NE_NOW, acc_ind)

# ---------------- Bengali
BN_PAST = r'(গত (বছর|মাস|সপ্তাহ)|বছর আগে|মাস আগে|আগে|গতকাল|কাল\b|যখন (আমি )?(কাজ|ছিলাম)|এখন (শেল্টারে|দেশে|নিরাপদ)|\b(goto|gotto|gata) (bochor|bachor|mash|mas|soptaho)|\b(bochor|bachor|mash|mas) age|\bage\b|\bgotokal|\bekhon deshe|\bekhon nirapod)'
BN_NOW = r'(এখনই|আবার|\bekhoni\b|\babar\b)'
BN_CALM = r'(আইনি|বেআইনি|কি করতে হবে|কিভাবে|কেমনে|নম্বর কত|অধিকার|ডাকা যায়?|\b(aini|beaini|kivabe|kemne|number koto|odhikar|kora jabe)\b|mere felbe 16|ei kaj amake|khida te|ক্ষুধা|খিদা)'
L['bn'] = build([
  r"(মেরে ফেল|মাইরা ফেল|মেরে ফেলবে|খুন|হত্যা|ছুরি|চাকু|বন্দুক|পিস্তল|অস্ত্র|এসিড|রক্ত|ধর্ষণ|রেপ|জোর কর(ছে|তেছে)|বেঁধে|বেধে|বাঁধ|শিকল|হাতকড়া|আটকে|আটকাইয়া|আটকায়া|আটকা|তালা|বের হতে পার(ছি|তেছি) না|বাইর হইতে|যেতে দিচ্ছে না|যেতে দেয় না)",
  r"(পুড়িয়ে|পুড়াইয়া|পোড়া|আয়রন|ইস্ত্রি|ভেঙে|ভাইঙ্গা|হাড়|বিষ|নেশা|অজ্ঞান|ইনজেকশন|সুই|অপহরণ|কিডন্যাপ|তুলে নিয়ে|তুইলা|গাড়িতে|ডিকি|পিছনে দৌড়|তাড়া কর|লুকিয়ে|লুকাইয়া|খুঁজছে|খুজতেছে|খুঁজতেছে)",
  r"(নিঃশ্বাস|শ্বাস নিতে|দম বন্ধ|গলা টিপ|মরে যাব|মইরা যামু|মরতে|আত্মহত্যা|লাফ দি|লাফিয়ে|মারছে এখন|এখন মারছে|মারতেছে|মারতেছে|মারধর|পিটা|লাথি|থাপ্পড়|চড়|গুলি|আগুন|ধোঁয়া|ধোয়া|পুলিশ ডাক|বাঁচাও|বাঁচান|বাচাও|আহত|ব্যথা|লাঠি|তাড়াতাড়ি|বিপদে)",
  r"\b(mere fel\w*|maira fel\w*|marteche|martese|martesi|amake marche|marche ekhon|ekhon\b.{0,30}\bmarche|khun|churi|chaku|bonduk|banduk|ostro|rokto|rakto|dhorshon|jor kor(che|teche|tese|chhe)|bendhe|bedhe|bandhe|shikol|hatkora|atke|atka\w*|atkai\w*|tala\b|tala dey\w*|ber hote par\w* na|jete dicche na|jete dichhe na|jete dey na|jete dei na|dikki)",
  r"\b(pudiye|puraiya|pora\b|istri|bhenge|bhainga|bish\b|nesha|ojnan|ojan|sui\b|opohoron|tule niye|tuila|gari te|garir|pichone dour\w*|lukiye|lukaiya|khujche|khujteche|khujtese|khujtechhe|nishash|nisshas|shash nite|dom bondho|gola tipe|more jabo|moira jamu|morte chai|bachte chai na|attohotta|attohatya|laf\w*|lathi|lathi diye|maardhor|pita\w*|peta\w*|lathi\b|thappor|chor mar\w*|guli|agun|dhoa|dhoya|police dak\w*|bachao|bachan|bachaw|aahoto|ahoto|betha|taratari|bipode|bipod)\b",
], BN_PAST, BN_CALM, BN_NOW, acc_ind)

def render(lang):
    stems = L[lang][0]
    if lang in ('hi', 'ne', 'bn'):
        stems = [acc_ind(x) for x in stems]
    return _render(lang, build_final(stems))
def _render(lang, pats):
    lines = [MARK + " (single strong danger stems; off when a past-time marker without a now-marker, or a",
             "  #     rights/legal/how-to question frame, appears anywhere in the message). Generated as one block per theme:",
             "  #     violence+weapons+sex+restraint / burn+poison+abduction+pursuit / breath+death+beating+fire+police+calls."]
    for p in pats:
        re.compile(p, re.I)
        lines.append("  - '" + p.replace("'", "''") + "'")
    return "\n".join(lines) + "\n"

GP = '|'.join(v[4](v[1]) for v in L.values())
GN = '|'.join(v[4](v[3]) for v in L.values())
GC = '|'.join(v[4](v[2]) for v in L.values())
if __name__ == '__main__':
    for lang in L:
        path = str(__import__('pathlib').Path(__file__).resolve().parents[2] / 'content' / 'emergency' / f'{lang}.yml')
        text = open(path, encoding='utf-8').read()
        if MARK in text:
            text = text[:text.index(MARK)]
        if not text.endswith('\n'): text += '\n'
        open(path, 'w', encoding='utf-8').write(text + render(lang))
        print(lang, len(L[lang]))
