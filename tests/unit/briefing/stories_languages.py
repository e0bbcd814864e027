"""Invented short local-news stories in Spanish, French, German and Portuguese."""

from __future__ import annotations

ES_TITLE = "El ayuntamiento de Valdecillas aprueba 120 viviendas nuevas"
ES_STORY = (
    "El ayuntamiento de Valdecillas aprobó el martes la construcción de 120 viviendas "
    "nuevas en el antiguo solar de la estación, un proyecto que los vecinos esperaban "
    "desde hace años.\n\n"
    "El plan cuenta con un presupuesto de 3,5 millones de euros y las obras empezarán "
    "el 3 de marzo, según explicó la alcaldesa, Lucía Ferrer, en el pleno municipal.\n\n"
    "La localidad tiene 12.450 habitantes y el precio del alquiler ha registrado una "
    "subida del 12,5 % en los dos últimos años, la mayor de la comarca.\n\n"
    "Las viviendas se destinarán a jóvenes menores de 35 años y a familias con rentas "
    "bajas, que pagarán un alquiler de unos 450 euros al mes.\n\n"
    "La oposición votó en contra porque considera que el proyecto llega tarde y que el "
    "solar debería acoger también un centro de salud.\n\n"
    "El consistorio calcula que las obras durarán 18 meses y darán empleo a 1.234 "
    "personas de la zona durante la construcción, entre trabajadores directos e "
    "indirectos.\n\n"
    "Los vecinos podrán consultar el proyecto en el ayuntamiento hasta el final del mes "
    "y presentar alegaciones por escrito en la oficina municipal."
)

FR_TITLE = "Saint-Aubin-sur-Loire rénove sa piscine municipale"
FR_STORY = (
    "Le conseil municipal de Saint-Aubin-sur-Loire a voté lundi soir la rénovation "
    "complète de la piscine municipale, fermée depuis l'été dernier après une fuite.\n\n"
    "Les travaux coûteront 2,5 millions d'euros, dont la moitié sera financée par la "
    "région, a précisé le maire, Bernard Lemoine, devant une salle comble. La région versera "
    "une subvention de 1,25 million d'euros.\n\n"
    "La commune compte 12\u00a0000 habitants et la piscine accueillait chaque année "
    "45\u202f300 entrées, dont celles des élèves des quatre écoles primaires.\n\n"
    "Le prix de l'entrée passera à 4,20 € après la réouverture, soit une hausse de "
    "5 % par rapport à l'ancien tarif.\n\n"
    "Le chantier débutera le 12 mars et doit durer 14 mois, si le calendrier est "
    "respecté.\n\n"
    "Plusieurs habitants ont regretté que le projet ne prévoie pas de bassin extérieur, "
    "mais le maire a rappelé que la commune devait rester prudente avec ses finances.\n\n"
    "Une réunion publique est prévue à la salle des fêtes le 20 février à 18 h 30 pour "
    "présenter les plans aux habitants."
)

DE_TITLE = "Kleinhausen baut neue Radwege"
DE_STORY = (
    "Der Gemeinderat von Kleinhausen hat am Donnerstagabend beschlossen, das Radwegenetz "
    "der Stadt in den nächsten zwei Jahren deutlich auszubauen.\n\n"
    "Die Stadt investiert dafür 1,2 Mio. € in neue Radwege, wie Bürgermeisterin "
    "Sabine Krüger nach der Sitzung mitteilte.\n\n"
    "Insgesamt sollen 14,5 Kilometer Radweg entstehen, vor allem entlang der Hauptstraße "
    "und zwischen dem Bahnhof und dem Schulzentrum.\n\n"
    "Kleinhausen hat 23.480 Einwohner, und nach einer Zählung im Frühjahr fahren täglich "
    "etwa 3.100 Radfahrer durch die Innenstadt.\n\n"
    "Seit der letzten Erhebung gab es eine Steigerung von 18 Prozent, sagte Krüger.\n\n"
    "Die Bauarbeiten beginnen am 3. März und sollen im Herbst des kommenden Jahres "
    "abgeschlossen sein.\n\n"
    "Die Opposition kritisierte, dass für die Sanierung der Gehwege kein Geld vorgesehen "
    "sei, stimmte dem Plan aber am Ende zu.\n\n"
    "Eine Bürgerversammlung findet am Montag um 19 Uhr im Rathaus statt."
)

PT_TITLE = "Prefeitura de Vila Serena reforma o mercado municipal"
PT_STORY = (
    "A prefeitura de Vila Serena anunciou nesta segunda-feira a reforma completa do "
    "mercado municipal, que está fechado desde o início do ano por problemas no "
    "telhado.\n\n"
    "As obras vão custar 2,3 milhões de reais e devem durar oito meses, segundo o "
    "secretário de obras, Paulo Mendes, que apresentou o projeto aos comerciantes.\n\n"
    "O mercado tem 86 bancas e recebia cerca de 4.500 visitantes por semana antes do "
    "fechamento, de acordo com a associação dos comerciantes.\n\n"
    "Os feirantes vão trabalhar numa tenda provisória na praça central enquanto durarem "
    "as obras, e a prefeitura promete não cobrar aluguel durante esse período.\n\n"
    "A reabertura está prevista para o fim do ano que vem, com novos banheiros, "
    "iluminação e um espaço para produtores da região.\n\n"
    "Os moradores poderão acompanhar o andamento das obras num site da prefeitura, que "
    "vai publicar fotos e relatórios todos os meses."
)

# Stories with a vote tally, a cost given by its subject and a duration (invented).
ES_VOTE_TITLE = "Torrelavega de Arriba aprueba la reforma del mercado de abastos"
ES_VOTE_STORY = (
    "El pleno de Torrelavega de Arriba aprobó el jueves por 13 votos a favor y 4 en contra "
    "la reforma del mercado de abastos.\n\n"
    "La reforma costará 2,1 millones de euros y el Gobierno regional aportará 600.000 "
    "euros.\n\n"
    "El mercado tiene 48 puestos y recibe unos 9.000 visitantes por semana.\n\n"
    "Los alquileres de los puestos bajarán un 10 % durante las obras.\n\n"
    "Las obras durarán 16 meses y empezarán después del verano.\n\n"
    "Los comerciantes mayores de 65 años podrán pedir una ayuda, explicó el concejal de "
    "Comercio, de 44 años."
)

FR_VOTE_TITLE = "Montrevel-sur-Orne agrandit son école maternelle"
FR_VOTE_STORY = (
    "Le conseil municipal de Montrevel-sur-Orne a approuvé jeudi, par 17 voix contre 5, "
    "l'agrandissement de l'école maternelle.\n\n"
    "Le projet coûtera 940\u00a0000 euros, selon le maire.\n\n"
    "L'école accueille 126 élèves, soit 20 % de plus qu'il y a cinq ans.\n\n"
    "Le repas à la cantine passera à 3,10 € à la rentrée.\n\n"
    "Les travaux commenceront en juillet et dureront 11 mois.\n\n"
    "La directrice, âgée de 52 ans, a salué le projet. Il y a 3 ans, la commune avait déjà "
    "rénové le préau."
)

DE_VOTE_TITLE = "Bergheim saniert die Stadthalle"
DE_VOTE_STORY = (
    "Der Gemeinderat von Bergheim hat am Mittwoch mit 19 zu 6 Stimmen die Sanierung der "
    "Stadthalle beschlossen.\n\n"
    "Die Kosten des Umbaus liegen bei 3,8 Millionen Euro, davon übernimmt der Kreis "
    "950.000 Euro.\n\n"
    "Die Halle hatte zuletzt rund 40.000 Besucher im Jahr.\n\n"
    "Die Mieten für Vereine sollen um 20 Prozent sinken.\n\n"
    "Die Arbeiten beginnen im Herbst und sollen 20 Monate dauern.\n\n"
    "Vor 45 Jahren wurde die Halle eröffnet. Kinder unter 14 Jahren haben weiterhin "
    "freien Eintritt."
)
