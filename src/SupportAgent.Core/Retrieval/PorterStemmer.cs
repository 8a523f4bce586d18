namespace SupportAgent.Core.Retrieval;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer, the same algorithm SQLite FTS5's <c>porter</c> tokenizer applies,
/// so confidence and answer selection agree with the index on what counts as the same word.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2) return word;
        var w = new Word(word);
        w.Step1a(); w.Step1b(); w.Step1c(); w.Step2(); w.Step3(); w.Step4(); w.Step5();
        return w.ToString();
    }

    private sealed class Word(string s)
    {
        private char[] b = s.ToCharArray();
        private int k = s.Length - 1; // end of the current word
        private int j;                // end of the stem when a suffix matched

        public override string ToString() => new(b, 0, k + 1);

        private bool Cons(int i) => b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        /// <summary>m(): the number of vowel-consonant sequences in b[0..j].</summary>
        private int M()
        {
            int n = 0, i = 0;
            while (true) { if (i > j) return n; if (!Cons(i)) break; i++; }
            i++;
            while (true)
            {
                while (true) { if (i > j) return n; if (Cons(i)) break; i++; }
                i++; n++;
                while (true) { if (i > j) return n; if (!Cons(i)) break; i++; }
                i++;
            }
        }

        private bool VowelInStem() { for (var i = 0; i <= j; i++) if (!Cons(i)) return true; return false; }
        private bool DoubleC(int at) => at >= 1 && b[at] == b[at - 1] && Cons(at);
        private bool Cvc(int i) =>
            i >= 2 && Cons(i) && !Cons(i - 1) && Cons(i - 2) && b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var l = suffix.Length;
            if (l > k + 1) return false;
            for (var i = 0; i < l; i++) if (b[k - l + 1 + i] != suffix[i]) return false;
            j = k - l;
            return true;
        }

        private void SetTo(string s)
        {
            var l = s.Length;
            if (j + 1 + l > b.Length) Array.Resize(ref b, j + 1 + l);
            for (var i = 0; i < l; i++) b[j + 1 + i] = s[i];
            k = j + l;
        }

        private void R(string s) { if (M() > 0) SetTo(s); }

        public void Step1a()
        {
            if (b[k] != 's') return;
            if (Ends("sses")) k -= 2;
            else if (Ends("ies")) SetTo("i");
            else if (k >= 1 && b[k - 1] != 's') k--;
        }

        public void Step1b()
        {
            if (Ends("eed")) { if (M() > 0) k--; return; }
            if (!((Ends("ed") || Ends("ing")) && VowelInStem())) return;
            k = j;
            if (Ends("at")) SetTo("ate");
            else if (Ends("bl")) SetTo("ble");
            else if (Ends("iz")) SetTo("ize");
            else if (DoubleC(k)) { k--; if (b[k] is 'l' or 's' or 'z') k++; }
            else { j = k; if (M() == 1 && Cvc(k)) SetTo("e"); }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) b[k] = 'i';
        }

        private static readonly (string From, string To)[] Step2Rules =
        [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
        ];

        private static readonly (string From, string To)[] Step3Rules =
        [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ];

        private static readonly string[] Step4Suffixes =
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
            "iti", "ous", "ive", "ize",
        ];

        public void Step2() { if (k > 0) Apply(Step2Rules); }
        public void Step3() => Apply(Step3Rules);

        private void Apply((string From, string To)[] rules)
        {
            foreach (var (from, to) in rules)
                if (Ends(from)) { R(to); return; }
        }

        public void Step4()
        {
            if (k < 1) return;
            foreach (var suffix in Step4Suffixes.OrderByDescending(s => s.Length))
            {
                if (!Ends(suffix)) continue;
                if (suffix == "ion" && !(j >= 0 && b[j] is 's' or 't')) return;
                if (M() > 1) k = j;
                return;
            }
        }

        public void Step5()
        {
            j = k;
            if (b[k] == 'e')
            {
                var a = M();
                if (a > 1 || (a == 1 && !Cvc(k - 1))) k--;
            }
            if (b[k] == 'l' && DoubleC(k) && M() > 1) k--;
        }
    }
}
