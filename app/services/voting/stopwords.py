"""Stop words the word cloud leaves out, per interface language: articles,
pronouns, conjunctions and prepositions that would otherwise fill the cloud."""


def _words(text):
    return frozenset(text.split())


STOP_WORDS = {
    "de": _words(
        "der die das den dem des ein eine einer einen einem eines und oder aber "
        "doch denn sondern nicht kein keine ist sind war waren sein bin bist "
        "wir ihr sie er es ich du man mit von zu zum zur im in am an auf aus "
        "bei für fuer über ueber unter um nach vor für so wie als auch noch nur "
        "sehr mehr dass daß wenn weil hat haben wird werden mein dein unser"
    ),
    "en": _words(
        "the a an and or but not no is are was were be been being i you he she "
        "it we they me us them my your our their of to in on at by for with "
        "from as that this these those so very more too also just than then "
        "there here have has had do does did will would can could should"
    ),
    "tr": _words(
        "ve veya ile ama fakat bir bu şu o ben sen biz siz onlar da de ki mi "
        "mı mu mü için gibi daha çok en ne her hiç değil var yok olan"
    ),
    "ru": _words(
        "и в во не что он на я с со как а то все она так его но да ты к у же "
        "вы за бы по только ее мне было вот от меня еще нет о из ему для мы "
        "они это этот эта эти или ли очень"
    ),
    "uk": _words(
        "і й та в у на з із зі до за від по про для не що як це цей ця ці він "
        "вона воно вони я ти ми ви а але або чи же би бо так дуже ще вже"
    ),
    "pl": _words(
        "i oraz a ale lub albo w we z ze na do od po o u za dla nie to ten ta "
        "te jest są był była było jak że się ja ty on ona ono my wy oni bardzo "
        "też tylko jeszcze już czy co"
    ),
    "ro": _words(
        "și si sau dar iar în in pe la cu de din pentru prin despre un o niște "
        "este sunt era fi nu că ca ce care eu tu el ea noi voi ei ele mai foarte "
        "al ai ale lui"
    ),
    "ar": _words(
        "و في من إلى الى على عن مع أو او ثم لا لم لن ما هذا هذه ذلك تلك هو هي "
        "هم نحن أنا انا أنت كان كانت التي الذي قد كل بعض أن ان إن"
    ),
    "fa": _words(
        "و در به از که این آن با برای را تا یا اما هم نه من تو او ما شما "
        "آنها است هست بود شد می خیلی هر یک"
    ),
}
