"""The text layer of answering: English words and sentences (lexical), what a question asks for (focus), and how
well a sentence answers it (scoring), with the fitted weights of the sentence ranker and the answerability model
beside each other (sentence_ranker.json, answerability.json), because the second is fitted on the first's scores."""
