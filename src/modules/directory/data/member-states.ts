// The 193 Member States: ISO 3166 codes, UN regional group, names in the six official languages.
// English: the UN short names. Other languages: the UN short names (UNTERM) for 27 States whose common names differ
// from UN usage; for the rest, ISO 3166 translations (i18n-iso-countries), which match the UN short form for most States.
export type RegionalGroup = 'african' | 'asia_pacific' | 'eastern_european' | 'latin_american_caribbean' | 'western_european_others';
export interface MemberStateRecord { iso2: string; iso3: string; group: RegionalGroup | null; names: { ar: string; en: string; es: string; fr: string; ru: string; zh: string } }
export const MEMBER_STATES: readonly MemberStateRecord[] = [
 {
  "iso2": "AF",
  "iso3": "AFG",
  "group": "asia_pacific",
  "names": {
   "ar": "أفغانستان",
   "en": "Afghanistan",
   "es": "Afganistán",
   "fr": "Afghanistan",
   "ru": "Афганистан",
   "zh": "阿富汗"
  }
 },
 {
  "iso2": "AL",
  "iso3": "ALB",
  "group": "eastern_european",
  "names": {
   "ar": "ألبانيا",
   "en": "Albania",
   "es": "Albania",
   "fr": "Albanie",
   "ru": "Албания",
   "zh": "阿尔巴尼亚"
  }
 },
 {
  "iso2": "DZ",
  "iso3": "DZA",
  "group": "african",
  "names": {
   "ar": "الجزائر",
   "en": "Algeria",
   "es": "Argelia",
   "fr": "Algérie",
   "ru": "Алжир",
   "zh": "阿尔及利亚"
  }
 },
 {
  "iso2": "AD",
  "iso3": "AND",
  "group": "western_european_others",
  "names": {
   "ar": "أندورا",
   "en": "Andorra",
   "es": "Andorra",
   "fr": "Andorre",
   "ru": "Андорра",
   "zh": "安道尔"
  }
 },
 {
  "iso2": "AO",
  "iso3": "AGO",
  "group": "african",
  "names": {
   "ar": "أنغولا",
   "en": "Angola",
   "es": "Angola",
   "fr": "Angola",
   "ru": "Ангола",
   "zh": "安哥拉"
  }
 },
 {
  "iso2": "AG",
  "iso3": "ATG",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "أنتيغوا وباربودا",
   "en": "Antigua and Barbuda",
   "es": "Antigua y Barbuda",
   "fr": "Antigua-et-Barbuda",
   "ru": "Антигуа и Барбуда",
   "zh": "安提瓜和巴布达"
  }
 },
 {
  "iso2": "AR",
  "iso3": "ARG",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "الأرجنتين",
   "en": "Argentina",
   "es": "Argentina",
   "fr": "Argentine",
   "ru": "Аргентина",
   "zh": "阿根廷"
  }
 },
 {
  "iso2": "AM",
  "iso3": "ARM",
  "group": "eastern_european",
  "names": {
   "ar": "أرمينيا",
   "en": "Armenia",
   "es": "Armenia",
   "fr": "Arménie",
   "ru": "Армения",
   "zh": "亚美尼亚"
  }
 },
 {
  "iso2": "AU",
  "iso3": "AUS",
  "group": "western_european_others",
  "names": {
   "ar": "أستراليا",
   "en": "Australia",
   "es": "Australia",
   "fr": "Australie",
   "ru": "Австралия",
   "zh": "澳大利亚"
  }
 },
 {
  "iso2": "AT",
  "iso3": "AUT",
  "group": "western_european_others",
  "names": {
   "ar": "النمسا",
   "en": "Austria",
   "es": "Austria",
   "fr": "Autriche",
   "ru": "Австрия",
   "zh": "奥地利"
  }
 },
 {
  "iso2": "AZ",
  "iso3": "AZE",
  "group": "eastern_european",
  "names": {
   "ar": "أذربيجان",
   "en": "Azerbaijan",
   "es": "Azerbaiyán",
   "fr": "Azerbaïdjan",
   "ru": "Азербайджан",
   "zh": "阿塞拜疆"
  }
 },
 {
  "iso2": "BS",
  "iso3": "BHS",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "جزر البهاما",
   "en": "Bahamas",
   "es": "Bahamas",
   "fr": "Bahamas",
   "ru": "Багамские Острова",
   "zh": "巴哈马"
  }
 },
 {
  "iso2": "BH",
  "iso3": "BHR",
  "group": "asia_pacific",
  "names": {
   "ar": "البحرين",
   "en": "Bahrain",
   "es": "Bahrein",
   "fr": "Bahreïn",
   "ru": "Бахрейн",
   "zh": "巴林"
  }
 },
 {
  "iso2": "BD",
  "iso3": "BGD",
  "group": "asia_pacific",
  "names": {
   "ar": "بنغلاديش",
   "en": "Bangladesh",
   "es": "Bangladesh",
   "fr": "Bangladesh",
   "ru": "Бангладеш",
   "zh": "孟加拉国"
  }
 },
 {
  "iso2": "BB",
  "iso3": "BRB",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "باربادوس",
   "en": "Barbados",
   "es": "Barbados",
   "fr": "Barbade",
   "ru": "Барбадос",
   "zh": "巴巴多斯"
  }
 },
 {
  "iso2": "BY",
  "iso3": "BLR",
  "group": "eastern_european",
  "names": {
   "ar": "روسيا البيضاء",
   "en": "Belarus",
   "es": "Bielorrusia",
   "fr": "Biélorussie",
   "ru": "Беларусь",
   "zh": "白俄罗斯"
  }
 },
 {
  "iso2": "BE",
  "iso3": "BEL",
  "group": "western_european_others",
  "names": {
   "ar": "بلجيكا",
   "en": "Belgium",
   "es": "Bélgica",
   "fr": "Belgique",
   "ru": "Бельгия",
   "zh": "比利时"
  }
 },
 {
  "iso2": "BZ",
  "iso3": "BLZ",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "بليز",
   "en": "Belize",
   "es": "Belice",
   "fr": "Belize",
   "ru": "Белиз",
   "zh": "伯利兹"
  }
 },
 {
  "iso2": "BJ",
  "iso3": "BEN",
  "group": "african",
  "names": {
   "ar": "بنين",
   "en": "Benin",
   "es": "Benin",
   "fr": "Bénin",
   "ru": "Бенин",
   "zh": "贝宁"
  }
 },
 {
  "iso2": "BT",
  "iso3": "BTN",
  "group": "asia_pacific",
  "names": {
   "ar": "بوتان",
   "en": "Bhutan",
   "es": "Bután",
   "fr": "Bhoutan",
   "ru": "Бутан",
   "zh": "不丹"
  }
 },
 {
  "iso2": "BO",
  "iso3": "BOL",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "بوليفيا (دولة - المتعددة القوميات)",
   "en": "Bolivia (Plurinational State of)",
   "es": "Bolivia (Estado Plurinacional de)",
   "fr": "Bolivie (État plurinational de)",
   "ru": "Боливия (Многонациональное Государство)",
   "zh": "多民族玻利维亚国"
  }
 },
 {
  "iso2": "BA",
  "iso3": "BIH",
  "group": "eastern_european",
  "names": {
   "ar": "البوسنة والهرسك",
   "en": "Bosnia and Herzegovina",
   "es": "Bosnia y Herzegovina",
   "fr": "Bosnie-Herzégovine",
   "ru": "Босния и Герцеговина",
   "zh": "波黑"
  }
 },
 {
  "iso2": "BW",
  "iso3": "BWA",
  "group": "african",
  "names": {
   "ar": "بوتسوانا",
   "en": "Botswana",
   "es": "Botswana",
   "fr": "Botswana",
   "ru": "Ботсвана",
   "zh": "博茨瓦纳"
  }
 },
 {
  "iso2": "BR",
  "iso3": "BRA",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "البرازيل",
   "en": "Brazil",
   "es": "Brasil",
   "fr": "Brésil",
   "ru": "Бразилия",
   "zh": "巴西"
  }
 },
 {
  "iso2": "BN",
  "iso3": "BRN",
  "group": "asia_pacific",
  "names": {
   "ar": "بروني دار السلام",
   "en": "Brunei Darussalam",
   "es": "Brunei Darussalam",
   "fr": "Brunéi Darussalam",
   "ru": "Бруней-Даруссалам",
   "zh": "文莱达鲁萨兰国"
  }
 },
 {
  "iso2": "BG",
  "iso3": "BGR",
  "group": "eastern_european",
  "names": {
   "ar": "بلغاريا",
   "en": "Bulgaria",
   "es": "Bulgaria",
   "fr": "Bulgarie",
   "ru": "Болгария",
   "zh": "保加利亚"
  }
 },
 {
  "iso2": "BF",
  "iso3": "BFA",
  "group": "african",
  "names": {
   "ar": "بوركينا فاسو",
   "en": "Burkina Faso",
   "es": "Burkina Faso",
   "fr": "Burkina Faso",
   "ru": "Буркина-Фасо",
   "zh": "布基纳法索"
  }
 },
 {
  "iso2": "BI",
  "iso3": "BDI",
  "group": "african",
  "names": {
   "ar": "بوروندي",
   "en": "Burundi",
   "es": "Burundi",
   "fr": "Burundi",
   "ru": "Бурунди",
   "zh": "布隆迪"
  }
 },
 {
  "iso2": "CV",
  "iso3": "CPV",
  "group": "african",
  "names": {
   "ar": "كابو فيردي",
   "en": "Cabo Verde",
   "es": "Cabo Verde",
   "fr": "Cabo Verde",
   "ru": "Кабо-Верде",
   "zh": "佛得角"
  }
 },
 {
  "iso2": "KH",
  "iso3": "KHM",
  "group": "asia_pacific",
  "names": {
   "ar": "كمبوديا",
   "en": "Cambodia",
   "es": "Camboya",
   "fr": "Cambodge",
   "ru": "Камбоджа",
   "zh": "柬埔寨"
  }
 },
 {
  "iso2": "CM",
  "iso3": "CMR",
  "group": "african",
  "names": {
   "ar": "الكاميرون",
   "en": "Cameroon",
   "es": "Camerún",
   "fr": "Cameroun",
   "ru": "Камерун",
   "zh": "喀麦隆"
  }
 },
 {
  "iso2": "CA",
  "iso3": "CAN",
  "group": "western_european_others",
  "names": {
   "ar": "كندا",
   "en": "Canada",
   "es": "Canadá",
   "fr": "Canada",
   "ru": "Канада",
   "zh": "加拿大"
  }
 },
 {
  "iso2": "CF",
  "iso3": "CAF",
  "group": "african",
  "names": {
   "ar": "جمهورية أفريقيا الوسطى",
   "en": "Central African Republic",
   "es": "República Centroafricana",
   "fr": "République Centrafricaine",
   "ru": "ЦАР",
   "zh": "中非"
  }
 },
 {
  "iso2": "TD",
  "iso3": "TCD",
  "group": "african",
  "names": {
   "ar": "تشاد",
   "en": "Chad",
   "es": "Chad",
   "fr": "Tchad",
   "ru": "Чад",
   "zh": "乍得"
  }
 },
 {
  "iso2": "CL",
  "iso3": "CHL",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "تشيلي",
   "en": "Chile",
   "es": "Chile",
   "fr": "Chili",
   "ru": "Чили",
   "zh": "智利"
  }
 },
 {
  "iso2": "CN",
  "iso3": "CHN",
  "group": "asia_pacific",
  "names": {
   "ar": "الصين",
   "en": "China",
   "es": "China",
   "fr": "Chine",
   "ru": "Китай",
   "zh": "中国"
  }
 },
 {
  "iso2": "CO",
  "iso3": "COL",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "كولومبيا",
   "en": "Colombia",
   "es": "Colombia",
   "fr": "Colombie",
   "ru": "Колумбия",
   "zh": "哥伦比亚"
  }
 },
 {
  "iso2": "KM",
  "iso3": "COM",
  "group": "african",
  "names": {
   "ar": "جزر القمر",
   "en": "Comoros",
   "es": "Comoras",
   "fr": "Comores",
   "ru": "Коморы",
   "zh": "科摩罗"
  }
 },
 {
  "iso2": "CG",
  "iso3": "COG",
  "group": "african",
  "names": {
   "ar": "الكونغو",
   "en": "Congo",
   "es": "Congo",
   "fr": "Congo",
   "ru": "Конго",
   "zh": "刚果"
  }
 },
 {
  "iso2": "CR",
  "iso3": "CRI",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "كوستاريكا",
   "en": "Costa Rica",
   "es": "Costa Rica",
   "fr": "Costa Rica",
   "ru": "Коста-Рика",
   "zh": "哥斯达黎加"
  }
 },
 {
  "iso2": "CI",
  "iso3": "CIV",
  "group": "african",
  "names": {
   "ar": "كوت ديفوار",
   "en": "Côte d'Ivoire",
   "es": "Côte d’Ivoire",
   "fr": "Côte d’Ivoire",
   "ru": "Кот-д’Ивуар",
   "zh": "科特迪瓦"
  }
 },
 {
  "iso2": "HR",
  "iso3": "HRV",
  "group": "eastern_european",
  "names": {
   "ar": "كرواتيا",
   "en": "Croatia",
   "es": "Croacia",
   "fr": "Croatie",
   "ru": "Хорватия",
   "zh": "克罗地亚"
  }
 },
 {
  "iso2": "CU",
  "iso3": "CUB",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "كوبا",
   "en": "Cuba",
   "es": "Cuba",
   "fr": "Cuba",
   "ru": "Куба",
   "zh": "古巴"
  }
 },
 {
  "iso2": "CY",
  "iso3": "CYP",
  "group": "asia_pacific",
  "names": {
   "ar": "قبرص",
   "en": "Cyprus",
   "es": "Chipre",
   "fr": "Chypre",
   "ru": "Кипр",
   "zh": "塞浦路斯"
  }
 },
 {
  "iso2": "CZ",
  "iso3": "CZE",
  "group": "eastern_european",
  "names": {
   "ar": "تشيكيا",
   "en": "Czechia",
   "es": "Chequia",
   "fr": "Tchéquie",
   "ru": "Чехия",
   "zh": "捷克"
  }
 },
 {
  "iso2": "KP",
  "iso3": "PRK",
  "group": "asia_pacific",
  "names": {
   "ar": "جمهورية كوريا الشعبية الديمقراطية",
   "en": "Democratic People's Republic of Korea",
   "es": "República Popular Democrática de Corea",
   "fr": "République populaire démocratique de Corée",
   "ru": "Корейская Народно-Демократическая Республика",
   "zh": "朝鲜民主主义人民共和国"
  }
 },
 {
  "iso2": "CD",
  "iso3": "COD",
  "group": "african",
  "names": {
   "ar": "جمهورية الكونغو الديمقراطية",
   "en": "Democratic Republic of the Congo",
   "es": "República Democrática del Congo",
   "fr": "République démocratique du Congo",
   "ru": "Демократическая Республика Конго",
   "zh": "刚果民主共和国"
  }
 },
 {
  "iso2": "DK",
  "iso3": "DNK",
  "group": "western_european_others",
  "names": {
   "ar": "الدنمارك",
   "en": "Denmark",
   "es": "Dinamarca",
   "fr": "Danemark",
   "ru": "Дания",
   "zh": "丹麦"
  }
 },
 {
  "iso2": "DJ",
  "iso3": "DJI",
  "group": "african",
  "names": {
   "ar": "جيبوتي",
   "en": "Djibouti",
   "es": "Yibuti",
   "fr": "Djibouti",
   "ru": "Джибути",
   "zh": "吉布提"
  }
 },
 {
  "iso2": "DM",
  "iso3": "DMA",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "دومينيكا",
   "en": "Dominica",
   "es": "Dominica",
   "fr": "Dominique",
   "ru": "Доминика",
   "zh": "多米尼克"
  }
 },
 {
  "iso2": "DO",
  "iso3": "DOM",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "جمهورية الدومينيكان",
   "en": "Dominican Republic",
   "es": "República Dominicana",
   "fr": "République Dominicaine",
   "ru": "Доминиканская Республика",
   "zh": "多米尼加"
  }
 },
 {
  "iso2": "EC",
  "iso3": "ECU",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "الإكوادور",
   "en": "Ecuador",
   "es": "Ecuador",
   "fr": "Équateur",
   "ru": "Эквадор",
   "zh": "厄瓜多尔"
  }
 },
 {
  "iso2": "EG",
  "iso3": "EGY",
  "group": "african",
  "names": {
   "ar": "مصر",
   "en": "Egypt",
   "es": "Egipto",
   "fr": "Égypte",
   "ru": "Египет",
   "zh": "埃及"
  }
 },
 {
  "iso2": "SV",
  "iso3": "SLV",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "السلفادور",
   "en": "El Salvador",
   "es": "El Salvador",
   "fr": "El Salvador",
   "ru": "Сальвадор",
   "zh": "萨尔瓦多"
  }
 },
 {
  "iso2": "GQ",
  "iso3": "GNQ",
  "group": "african",
  "names": {
   "ar": "غينيا الاستوائية",
   "en": "Equatorial Guinea",
   "es": "Guinea Ecuatorial",
   "fr": "Guinée équatoriale",
   "ru": "Экваториальная Гвинея",
   "zh": "赤道几内亚"
  }
 },
 {
  "iso2": "ER",
  "iso3": "ERI",
  "group": "african",
  "names": {
   "ar": "إريتريا",
   "en": "Eritrea",
   "es": "Eritrea",
   "fr": "Érythrée",
   "ru": "Эритрея",
   "zh": "厄立特里亚"
  }
 },
 {
  "iso2": "EE",
  "iso3": "EST",
  "group": "eastern_european",
  "names": {
   "ar": "إستونيا",
   "en": "Estonia",
   "es": "Estonia",
   "fr": "Estonie",
   "ru": "Эстония",
   "zh": "爱沙尼亚"
  }
 },
 {
  "iso2": "SZ",
  "iso3": "SWZ",
  "group": "african",
  "names": {
   "ar": "إسواتيني",
   "en": "Eswatini",
   "es": "Eswatini",
   "fr": "Eswatini",
   "ru": "Эсватини",
   "zh": "斯威士兰"
  }
 },
 {
  "iso2": "ET",
  "iso3": "ETH",
  "group": "african",
  "names": {
   "ar": "إثيوبيا",
   "en": "Ethiopia",
   "es": "Etiopía",
   "fr": "Éthiopie",
   "ru": "Эфиопия",
   "zh": "埃塞俄比亚"
  }
 },
 {
  "iso2": "FJ",
  "iso3": "FJI",
  "group": "asia_pacific",
  "names": {
   "ar": "فيجي",
   "en": "Fiji",
   "es": "Fiji",
   "fr": "Fidji",
   "ru": "Фиджи",
   "zh": "斐济"
  }
 },
 {
  "iso2": "FI",
  "iso3": "FIN",
  "group": "western_european_others",
  "names": {
   "ar": "فنلندا",
   "en": "Finland",
   "es": "Finlandia",
   "fr": "Finlande",
   "ru": "Финляндия",
   "zh": "芬兰"
  }
 },
 {
  "iso2": "FR",
  "iso3": "FRA",
  "group": "western_european_others",
  "names": {
   "ar": "فرنسا",
   "en": "France",
   "es": "Francia",
   "fr": "France",
   "ru": "Франция",
   "zh": "法国"
  }
 },
 {
  "iso2": "GA",
  "iso3": "GAB",
  "group": "african",
  "names": {
   "ar": "الغابون",
   "en": "Gabon",
   "es": "Gabón",
   "fr": "Gabon",
   "ru": "Габон",
   "zh": "加蓬"
  }
 },
 {
  "iso2": "GM",
  "iso3": "GMB",
  "group": "african",
  "names": {
   "ar": "غامبيا",
   "en": "Gambia",
   "es": "Gambia",
   "fr": "Gambie",
   "ru": "Гамбия",
   "zh": "冈比亚"
  }
 },
 {
  "iso2": "GE",
  "iso3": "GEO",
  "group": "eastern_european",
  "names": {
   "ar": "جورجيا",
   "en": "Georgia",
   "es": "Georgia",
   "fr": "Géorgie",
   "ru": "Грузия",
   "zh": "格鲁吉亚"
  }
 },
 {
  "iso2": "DE",
  "iso3": "DEU",
  "group": "western_european_others",
  "names": {
   "ar": "ألمانيا",
   "en": "Germany",
   "es": "Alemania",
   "fr": "Allemagne",
   "ru": "Германия",
   "zh": "德国"
  }
 },
 {
  "iso2": "GH",
  "iso3": "GHA",
  "group": "african",
  "names": {
   "ar": "غانا",
   "en": "Ghana",
   "es": "Ghana",
   "fr": "Ghana",
   "ru": "Гана",
   "zh": "加纳"
  }
 },
 {
  "iso2": "GR",
  "iso3": "GRC",
  "group": "western_european_others",
  "names": {
   "ar": "اليونان",
   "en": "Greece",
   "es": "Grecia",
   "fr": "Grèce",
   "ru": "Греция",
   "zh": "希腊"
  }
 },
 {
  "iso2": "GD",
  "iso3": "GRD",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "غرينادا",
   "en": "Grenada",
   "es": "Granada",
   "fr": "Grenade",
   "ru": "Гренада",
   "zh": "格林纳达"
  }
 },
 {
  "iso2": "GT",
  "iso3": "GTM",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "غواتيمالا",
   "en": "Guatemala",
   "es": "Guatemala",
   "fr": "Guatemala",
   "ru": "Гватемала",
   "zh": "危地马拉"
  }
 },
 {
  "iso2": "GN",
  "iso3": "GIN",
  "group": "african",
  "names": {
   "ar": "غينيا",
   "en": "Guinea",
   "es": "Guinea",
   "fr": "Guinée",
   "ru": "Гвинея",
   "zh": "几内亚"
  }
 },
 {
  "iso2": "GW",
  "iso3": "GNB",
  "group": "african",
  "names": {
   "ar": "غينيا بيساو",
   "en": "Guinea-Bissau",
   "es": "Guinea Bissau",
   "fr": "Guinée-Bissau",
   "ru": "Гвинея-Бисау",
   "zh": "几内亚比绍"
  }
 },
 {
  "iso2": "GY",
  "iso3": "GUY",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "غيانا",
   "en": "Guyana",
   "es": "Guyana",
   "fr": "Guyana",
   "ru": "Гайана",
   "zh": "圭亚那"
  }
 },
 {
  "iso2": "HT",
  "iso3": "HTI",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "هايتي",
   "en": "Haiti",
   "es": "Haití",
   "fr": "Haïti",
   "ru": "Гаити",
   "zh": "海地"
  }
 },
 {
  "iso2": "HN",
  "iso3": "HND",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "هندوراس",
   "en": "Honduras",
   "es": "Honduras",
   "fr": "Honduras",
   "ru": "Гондурас",
   "zh": "洪都拉斯"
  }
 },
 {
  "iso2": "HU",
  "iso3": "HUN",
  "group": "eastern_european",
  "names": {
   "ar": "المجر",
   "en": "Hungary",
   "es": "Hungría",
   "fr": "Hongrie",
   "ru": "Венгрия",
   "zh": "匈牙利"
  }
 },
 {
  "iso2": "IS",
  "iso3": "ISL",
  "group": "western_european_others",
  "names": {
   "ar": "آيسلندا",
   "en": "Iceland",
   "es": "Islandia",
   "fr": "Islande",
   "ru": "Исландия",
   "zh": "冰岛"
  }
 },
 {
  "iso2": "IN",
  "iso3": "IND",
  "group": "asia_pacific",
  "names": {
   "ar": "الهند",
   "en": "India",
   "es": "India",
   "fr": "Inde",
   "ru": "Индия",
   "zh": "印度"
  }
 },
 {
  "iso2": "ID",
  "iso3": "IDN",
  "group": "asia_pacific",
  "names": {
   "ar": "إندونيسيا",
   "en": "Indonesia",
   "es": "Indonesia",
   "fr": "Indonésie",
   "ru": "Индонезия",
   "zh": "印尼"
  }
 },
 {
  "iso2": "IR",
  "iso3": "IRN",
  "group": "asia_pacific",
  "names": {
   "ar": "إيران (جمهورية - الإسلامية)",
   "en": "Iran (Islamic Republic of)",
   "es": "Irán (República Islámica del)",
   "fr": "Iran (République islamique d’)",
   "ru": "Иран (Исламская Республика)",
   "zh": "伊朗伊斯兰共和国"
  }
 },
 {
  "iso2": "IQ",
  "iso3": "IRQ",
  "group": "asia_pacific",
  "names": {
   "ar": "العراق",
   "en": "Iraq",
   "es": "Iraq",
   "fr": "Irak",
   "ru": "Ирак",
   "zh": "伊拉克"
  }
 },
 {
  "iso2": "IE",
  "iso3": "IRL",
  "group": "western_european_others",
  "names": {
   "ar": "أيرلندا",
   "en": "Ireland",
   "es": "Irlanda",
   "fr": "Irlande",
   "ru": "Ирландия",
   "zh": "爱尔兰"
  }
 },
 {
  "iso2": "IL",
  "iso3": "ISR",
  "group": "western_european_others",
  "names": {
   "ar": "إسرائيل",
   "en": "Israel",
   "es": "Israel",
   "fr": "Israël",
   "ru": "Израиль",
   "zh": "以色列"
  }
 },
 {
  "iso2": "IT",
  "iso3": "ITA",
  "group": "western_european_others",
  "names": {
   "ar": "إيطاليا",
   "en": "Italy",
   "es": "Italia",
   "fr": "Italie",
   "ru": "Италия",
   "zh": "意大利"
  }
 },
 {
  "iso2": "JM",
  "iso3": "JAM",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "جامايكا",
   "en": "Jamaica",
   "es": "Jamaica",
   "fr": "Jamaïque",
   "ru": "Ямайка",
   "zh": "牙买加"
  }
 },
 {
  "iso2": "JP",
  "iso3": "JPN",
  "group": "asia_pacific",
  "names": {
   "ar": "اليابان",
   "en": "Japan",
   "es": "Japón",
   "fr": "Japon",
   "ru": "Япония",
   "zh": "日本"
  }
 },
 {
  "iso2": "JO",
  "iso3": "JOR",
  "group": "asia_pacific",
  "names": {
   "ar": "الأردن",
   "en": "Jordan",
   "es": "Jordania",
   "fr": "Jordanie",
   "ru": "Иордания",
   "zh": "约旦"
  }
 },
 {
  "iso2": "KZ",
  "iso3": "KAZ",
  "group": "asia_pacific",
  "names": {
   "ar": "كازاخستان",
   "en": "Kazakhstan",
   "es": "Kazajistán",
   "fr": "Kazakhstan",
   "ru": "Казахстан",
   "zh": "哈萨克斯坦"
  }
 },
 {
  "iso2": "KE",
  "iso3": "KEN",
  "group": "african",
  "names": {
   "ar": "كينيا",
   "en": "Kenya",
   "es": "Kenia",
   "fr": "Kenya",
   "ru": "Кения",
   "zh": "肯尼亚"
  }
 },
 {
  "iso2": "KI",
  "iso3": "KIR",
  "group": "asia_pacific",
  "names": {
   "ar": "كيريباتي",
   "en": "Kiribati",
   "es": "Kiribati",
   "fr": "Kiribati",
   "ru": "Кирибати",
   "zh": "基里巴斯"
  }
 },
 {
  "iso2": "KW",
  "iso3": "KWT",
  "group": "asia_pacific",
  "names": {
   "ar": "الكويت",
   "en": "Kuwait",
   "es": "Kuwait",
   "fr": "Koweït",
   "ru": "Кувейт",
   "zh": "科威特"
  }
 },
 {
  "iso2": "KG",
  "iso3": "KGZ",
  "group": "asia_pacific",
  "names": {
   "ar": "قيرغيزستان",
   "en": "Kyrgyzstan",
   "es": "Kirguistán",
   "fr": "Kirghizistan",
   "ru": "Киргизия",
   "zh": "吉尔吉斯斯坦"
  }
 },
 {
  "iso2": "LA",
  "iso3": "LAO",
  "group": "asia_pacific",
  "names": {
   "ar": "جمهورية لاو الديمقراطية الشعبية",
   "en": "Lao People's Democratic Republic",
   "es": "República Democrática Popular Lao",
   "fr": "République démocratique populaire lao",
   "ru": "Лаосская Народно-Демократическая Республика",
   "zh": "老挝人民民主共和国"
  }
 },
 {
  "iso2": "LV",
  "iso3": "LVA",
  "group": "eastern_european",
  "names": {
   "ar": "لاتفيا",
   "en": "Latvia",
   "es": "Letonia",
   "fr": "Lettonie",
   "ru": "Латвия",
   "zh": "拉脱维亚"
  }
 },
 {
  "iso2": "LB",
  "iso3": "LBN",
  "group": "asia_pacific",
  "names": {
   "ar": "لبنان",
   "en": "Lebanon",
   "es": "Líbano",
   "fr": "Liban",
   "ru": "Ливан",
   "zh": "黎巴嫩"
  }
 },
 {
  "iso2": "LS",
  "iso3": "LSO",
  "group": "african",
  "names": {
   "ar": "ليسوتو",
   "en": "Lesotho",
   "es": "Lesoto",
   "fr": "Lesotho",
   "ru": "Лесото",
   "zh": "莱索托"
  }
 },
 {
  "iso2": "LR",
  "iso3": "LBR",
  "group": "african",
  "names": {
   "ar": "ليبيريا",
   "en": "Liberia",
   "es": "Liberia",
   "fr": "Libéria",
   "ru": "Либерия",
   "zh": "利比里亚"
  }
 },
 {
  "iso2": "LY",
  "iso3": "LBY",
  "group": "african",
  "names": {
   "ar": "ليبيا",
   "en": "Libya",
   "es": "Libia",
   "fr": "Libye",
   "ru": "Ливия",
   "zh": "利比亚"
  }
 },
 {
  "iso2": "LI",
  "iso3": "LIE",
  "group": "western_european_others",
  "names": {
   "ar": "ليختنشتاين",
   "en": "Liechtenstein",
   "es": "Liechtenstein",
   "fr": "Liechtenstein",
   "ru": "Лихтенштейн",
   "zh": "列支敦士登"
  }
 },
 {
  "iso2": "LT",
  "iso3": "LTU",
  "group": "eastern_european",
  "names": {
   "ar": "ليتوانيا",
   "en": "Lithuania",
   "es": "Lituania",
   "fr": "Lituanie",
   "ru": "Литва",
   "zh": "立陶宛"
  }
 },
 {
  "iso2": "LU",
  "iso3": "LUX",
  "group": "western_european_others",
  "names": {
   "ar": "لوكسمبورغ",
   "en": "Luxembourg",
   "es": "Luxemburgo",
   "fr": "Luxembourg",
   "ru": "Люксембург",
   "zh": "卢森堡"
  }
 },
 {
  "iso2": "MG",
  "iso3": "MDG",
  "group": "african",
  "names": {
   "ar": "مدغشقر",
   "en": "Madagascar",
   "es": "Madagascar",
   "fr": "Madagascar",
   "ru": "Мадагаскар",
   "zh": "马达加斯加"
  }
 },
 {
  "iso2": "MW",
  "iso3": "MWI",
  "group": "african",
  "names": {
   "ar": "مالاوي",
   "en": "Malawi",
   "es": "Malaui",
   "fr": "Malawi",
   "ru": "Малави",
   "zh": "马拉维"
  }
 },
 {
  "iso2": "MY",
  "iso3": "MYS",
  "group": "asia_pacific",
  "names": {
   "ar": "ماليزيا",
   "en": "Malaysia",
   "es": "Malasia",
   "fr": "Malaisie",
   "ru": "Малайзия",
   "zh": "马来西亚"
  }
 },
 {
  "iso2": "MV",
  "iso3": "MDV",
  "group": "asia_pacific",
  "names": {
   "ar": "جزر المالديف",
   "en": "Maldives",
   "es": "Maldivas",
   "fr": "Maldives",
   "ru": "Мальдивы",
   "zh": "马尔代夫"
  }
 },
 {
  "iso2": "ML",
  "iso3": "MLI",
  "group": "african",
  "names": {
   "ar": "مالي",
   "en": "Mali",
   "es": "Malí",
   "fr": "Mali",
   "ru": "Мали",
   "zh": "马里"
  }
 },
 {
  "iso2": "MT",
  "iso3": "MLT",
  "group": "western_european_others",
  "names": {
   "ar": "مالطا",
   "en": "Malta",
   "es": "Malta",
   "fr": "Malte",
   "ru": "Мальта",
   "zh": "马耳他"
  }
 },
 {
  "iso2": "MH",
  "iso3": "MHL",
  "group": "asia_pacific",
  "names": {
   "ar": "جزر مارشال",
   "en": "Marshall Islands",
   "es": "Islas Marshall",
   "fr": "Îles Marshall",
   "ru": "Маршалловы Острова",
   "zh": "马绍尔群岛"
  }
 },
 {
  "iso2": "MR",
  "iso3": "MRT",
  "group": "african",
  "names": {
   "ar": "موريتانيا",
   "en": "Mauritania",
   "es": "Mauritania",
   "fr": "Mauritanie",
   "ru": "Мавритания",
   "zh": "毛里塔尼亚"
  }
 },
 {
  "iso2": "MU",
  "iso3": "MUS",
  "group": "african",
  "names": {
   "ar": "موريشيوس",
   "en": "Mauritius",
   "es": "Mauricio",
   "fr": "Maurice",
   "ru": "Маврикий",
   "zh": "毛里求斯"
  }
 },
 {
  "iso2": "MX",
  "iso3": "MEX",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "المكسيك",
   "en": "Mexico",
   "es": "México",
   "fr": "Mexique",
   "ru": "Мексика",
   "zh": "墨西哥"
  }
 },
 {
  "iso2": "FM",
  "iso3": "FSM",
  "group": "asia_pacific",
  "names": {
   "ar": "ميكرونيزيا (ولايات - الموحدة)",
   "en": "Micronesia (Federated States of)",
   "es": "Micronesia (Estados Federados de)",
   "fr": "Micronésie (États fédérés de)",
   "ru": "Микронезия (Федеративные Штаты)",
   "zh": "密克罗尼西亚联邦"
  }
 },
 {
  "iso2": "MC",
  "iso3": "MCO",
  "group": "western_european_others",
  "names": {
   "ar": "موناكو",
   "en": "Monaco",
   "es": "Mónaco",
   "fr": "Monaco",
   "ru": "Монако",
   "zh": "摩纳哥"
  }
 },
 {
  "iso2": "MN",
  "iso3": "MNG",
  "group": "asia_pacific",
  "names": {
   "ar": "منغوليا",
   "en": "Mongolia",
   "es": "Mongolia",
   "fr": "Mongolie",
   "ru": "Монголия",
   "zh": "蒙古"
  }
 },
 {
  "iso2": "ME",
  "iso3": "MNE",
  "group": "eastern_european",
  "names": {
   "ar": "الجبل الأسود",
   "en": "Montenegro",
   "es": "Montenegro",
   "fr": "Monténégro",
   "ru": "Черногория",
   "zh": "黑山"
  }
 },
 {
  "iso2": "MA",
  "iso3": "MAR",
  "group": "african",
  "names": {
   "ar": "المغرب",
   "en": "Morocco",
   "es": "Marruecos",
   "fr": "Maroc",
   "ru": "Марокко",
   "zh": "摩洛哥"
  }
 },
 {
  "iso2": "MZ",
  "iso3": "MOZ",
  "group": "african",
  "names": {
   "ar": "موزمبيق",
   "en": "Mozambique",
   "es": "Mozambique",
   "fr": "Mozambique",
   "ru": "Мозамбик",
   "zh": "莫桑比克"
  }
 },
 {
  "iso2": "MM",
  "iso3": "MMR",
  "group": "asia_pacific",
  "names": {
   "ar": "بورما",
   "en": "Myanmar",
   "es": "Myanmar",
   "fr": "Myanmar",
   "ru": "Мьянма",
   "zh": "缅甸"
  }
 },
 {
  "iso2": "NA",
  "iso3": "NAM",
  "group": "african",
  "names": {
   "ar": "ناميبيا",
   "en": "Namibia",
   "es": "Namibia",
   "fr": "Namibie",
   "ru": "Намибия",
   "zh": "纳米比亚"
  }
 },
 {
  "iso2": "NR",
  "iso3": "NRU",
  "group": "asia_pacific",
  "names": {
   "ar": "ناورو",
   "en": "Nauru",
   "es": "Nauru",
   "fr": "Nauru",
   "ru": "Науру",
   "zh": "瑙鲁"
  }
 },
 {
  "iso2": "NP",
  "iso3": "NPL",
  "group": "asia_pacific",
  "names": {
   "ar": "نيبال",
   "en": "Nepal",
   "es": "Nepal",
   "fr": "Népal",
   "ru": "Непал",
   "zh": "尼泊尔"
  }
 },
 {
  "iso2": "NL",
  "iso3": "NLD",
  "group": "western_european_others",
  "names": {
   "ar": "هولندا (مملكة)",
   "en": "Netherlands (Kingdom of the)",
   "es": "Países Bajos (Reino de los)",
   "fr": "Pays-Bas (Royaume des)",
   "ru": "Нидерланды (Королевство)",
   "zh": "荷兰王国"
  }
 },
 {
  "iso2": "NZ",
  "iso3": "NZL",
  "group": "western_european_others",
  "names": {
   "ar": "نيوزيلندا",
   "en": "New Zealand",
   "es": "Nueva Zelanda",
   "fr": "Nouvelle-Zélande",
   "ru": "Новая Зеландия",
   "zh": "新西兰"
  }
 },
 {
  "iso2": "NI",
  "iso3": "NIC",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "نيكاراغوا",
   "en": "Nicaragua",
   "es": "Nicaragua",
   "fr": "Nicaragua",
   "ru": "Никарагуа",
   "zh": "尼加拉瓜"
  }
 },
 {
  "iso2": "NE",
  "iso3": "NER",
  "group": "african",
  "names": {
   "ar": "النيجر",
   "en": "Niger",
   "es": "Níger",
   "fr": "Niger",
   "ru": "Нигер",
   "zh": "尼日尔"
  }
 },
 {
  "iso2": "NG",
  "iso3": "NGA",
  "group": "african",
  "names": {
   "ar": "نيجيريا",
   "en": "Nigeria",
   "es": "Nigeria",
   "fr": "Nigéria",
   "ru": "Нигерия",
   "zh": "尼日利亚"
  }
 },
 {
  "iso2": "MK",
  "iso3": "MKD",
  "group": "eastern_european",
  "names": {
   "ar": "مقدونيا الشمالية",
   "en": "North Macedonia",
   "es": "Macedonia del Norte",
   "fr": "Macédoine du Nord",
   "ru": "Северная Македония",
   "zh": "北马其顿"
  }
 },
 {
  "iso2": "NO",
  "iso3": "NOR",
  "group": "western_european_others",
  "names": {
   "ar": "النرويج",
   "en": "Norway",
   "es": "Noruega",
   "fr": "Norvège",
   "ru": "Норвегия",
   "zh": "挪威"
  }
 },
 {
  "iso2": "OM",
  "iso3": "OMN",
  "group": "asia_pacific",
  "names": {
   "ar": "عمان",
   "en": "Oman",
   "es": "Omán",
   "fr": "Oman",
   "ru": "Оман",
   "zh": "阿曼"
  }
 },
 {
  "iso2": "PK",
  "iso3": "PAK",
  "group": "asia_pacific",
  "names": {
   "ar": "باكستان",
   "en": "Pakistan",
   "es": "Pakistán",
   "fr": "Pakistan",
   "ru": "Пакистан",
   "zh": "巴基斯坦"
  }
 },
 {
  "iso2": "PW",
  "iso3": "PLW",
  "group": "asia_pacific",
  "names": {
   "ar": "بالاو",
   "en": "Palau",
   "es": "Palau",
   "fr": "Palaos",
   "ru": "Палау",
   "zh": "帕劳"
  }
 },
 {
  "iso2": "PA",
  "iso3": "PAN",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "بنما",
   "en": "Panama",
   "es": "Panamá",
   "fr": "Panama",
   "ru": "Панама",
   "zh": "巴拿马"
  }
 },
 {
  "iso2": "PG",
  "iso3": "PNG",
  "group": "asia_pacific",
  "names": {
   "ar": "بابوا غينيا الجديدة",
   "en": "Papua New Guinea",
   "es": "Papua Nueva Guinea",
   "fr": "Papouasie-Nouvelle-Guinée",
   "ru": "Папуа — Новая Гвинея",
   "zh": "巴布亚新几内亚"
  }
 },
 {
  "iso2": "PY",
  "iso3": "PRY",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "باراغواي",
   "en": "Paraguay",
   "es": "Paraguay",
   "fr": "Paraguay",
   "ru": "Парагвай",
   "zh": "巴拉圭"
  }
 },
 {
  "iso2": "PE",
  "iso3": "PER",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "بيرو",
   "en": "Peru",
   "es": "Perú",
   "fr": "Pérou",
   "ru": "Перу",
   "zh": "秘鲁"
  }
 },
 {
  "iso2": "PH",
  "iso3": "PHL",
  "group": "asia_pacific",
  "names": {
   "ar": "الفلبين",
   "en": "Philippines",
   "es": "Filipinas",
   "fr": "Philippines",
   "ru": "Филиппины",
   "zh": "菲律宾"
  }
 },
 {
  "iso2": "PL",
  "iso3": "POL",
  "group": "eastern_european",
  "names": {
   "ar": "بولندا",
   "en": "Poland",
   "es": "Polonia",
   "fr": "Pologne",
   "ru": "Польша",
   "zh": "波兰"
  }
 },
 {
  "iso2": "PT",
  "iso3": "PRT",
  "group": "western_european_others",
  "names": {
   "ar": "البرتغال",
   "en": "Portugal",
   "es": "Portugal",
   "fr": "Portugal",
   "ru": "Португалия",
   "zh": "葡萄牙"
  }
 },
 {
  "iso2": "QA",
  "iso3": "QAT",
  "group": "asia_pacific",
  "names": {
   "ar": "قطر",
   "en": "Qatar",
   "es": "Catar",
   "fr": "Qatar",
   "ru": "Катар",
   "zh": "卡塔尔"
  }
 },
 {
  "iso2": "KR",
  "iso3": "KOR",
  "group": "asia_pacific",
  "names": {
   "ar": "جمهورية كوريا",
   "en": "Republic of Korea",
   "es": "República de Corea",
   "fr": "République de Corée",
   "ru": "Республика Корея",
   "zh": "大韩民国"
  }
 },
 {
  "iso2": "MD",
  "iso3": "MDA",
  "group": "eastern_european",
  "names": {
   "ar": "جمهورية مولدوفا",
   "en": "Republic of Moldova",
   "es": "República de Moldova",
   "fr": "République de Moldova",
   "ru": "Республика Молдова",
   "zh": "摩尔多瓦共和国"
  }
 },
 {
  "iso2": "RO",
  "iso3": "ROU",
  "group": "eastern_european",
  "names": {
   "ar": "رومانيا",
   "en": "Romania",
   "es": "Rumanía",
   "fr": "Roumanie",
   "ru": "Румыния",
   "zh": "罗马尼亚"
  }
 },
 {
  "iso2": "RU",
  "iso3": "RUS",
  "group": "eastern_european",
  "names": {
   "ar": "الاتحاد الروسي",
   "en": "Russian Federation",
   "es": "Federación de Rusia",
   "fr": "Fédération de Russie",
   "ru": "Российская Федерация",
   "zh": "俄罗斯联邦"
  }
 },
 {
  "iso2": "RW",
  "iso3": "RWA",
  "group": "african",
  "names": {
   "ar": "رواندا",
   "en": "Rwanda",
   "es": "Ruanda",
   "fr": "Rwanda",
   "ru": "Руанда",
   "zh": "卢旺达"
  }
 },
 {
  "iso2": "KN",
  "iso3": "KNA",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "سانت كيتس ونيفيس",
   "en": "Saint Kitts and Nevis",
   "es": "Saint Kitts y Nevis",
   "fr": "Saint-Christophe-et-Niévès",
   "ru": "Сент-Китс и Невис",
   "zh": "圣基茨和尼维斯"
  }
 },
 {
  "iso2": "LC",
  "iso3": "LCA",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "سانت لوسيا",
   "en": "Saint Lucia",
   "es": "Santa Lucía",
   "fr": "Sainte-Lucie",
   "ru": "Сент-Люсия",
   "zh": "圣卢西亚"
  }
 },
 {
  "iso2": "VC",
  "iso3": "VCT",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "سانت فينسنت والغرينادين",
   "en": "Saint Vincent and the Grenadines",
   "es": "San Vicente y las Granadinas",
   "fr": "Saint-Vincent-et-les-Grenadines",
   "ru": "Сент-Винсент и Гренадины",
   "zh": "圣文森特和格林纳丁斯"
  }
 },
 {
  "iso2": "WS",
  "iso3": "WSM",
  "group": "asia_pacific",
  "names": {
   "ar": "ساموا",
   "en": "Samoa",
   "es": "Samoa",
   "fr": "Samoa",
   "ru": "Самоа",
   "zh": "萨摩亚"
  }
 },
 {
  "iso2": "SM",
  "iso3": "SMR",
  "group": "western_european_others",
  "names": {
   "ar": "سان مارينو",
   "en": "San Marino",
   "es": "San Marino",
   "fr": "Saint-Marin",
   "ru": "Сан-Марино",
   "zh": "圣马力诺"
  }
 },
 {
  "iso2": "ST",
  "iso3": "STP",
  "group": "african",
  "names": {
   "ar": "ساو تومي وبرينسيب",
   "en": "Sao Tome and Principe",
   "es": "Santo Tomé y Príncipe",
   "fr": "São Tomé-et-Principe",
   "ru": "Сан-Томе и Принсипи",
   "zh": "圣多美和普林西比"
  }
 },
 {
  "iso2": "SA",
  "iso3": "SAU",
  "group": "asia_pacific",
  "names": {
   "ar": "السعودية",
   "en": "Saudi Arabia",
   "es": "Arabia Saudita",
   "fr": "Arabie Saoudite",
   "ru": "Саудовская Аравия",
   "zh": "沙特阿拉伯"
  }
 },
 {
  "iso2": "SN",
  "iso3": "SEN",
  "group": "african",
  "names": {
   "ar": "السنغال",
   "en": "Senegal",
   "es": "Senegal",
   "fr": "Sénégal",
   "ru": "Сенегал",
   "zh": "塞内加尔"
  }
 },
 {
  "iso2": "RS",
  "iso3": "SRB",
  "group": "eastern_european",
  "names": {
   "ar": "صربيا",
   "en": "Serbia",
   "es": "Serbia",
   "fr": "Serbie",
   "ru": "Сербия",
   "zh": "塞尔维亚"
  }
 },
 {
  "iso2": "SC",
  "iso3": "SYC",
  "group": "african",
  "names": {
   "ar": "سيشل",
   "en": "Seychelles",
   "es": "Seychelles",
   "fr": "Seychelles",
   "ru": "Сейшельские Острова",
   "zh": "塞舌尔"
  }
 },
 {
  "iso2": "SL",
  "iso3": "SLE",
  "group": "african",
  "names": {
   "ar": "سيراليون",
   "en": "Sierra Leone",
   "es": "Sierra Leona",
   "fr": "Sierra Leone",
   "ru": "Сьерра-Леоне",
   "zh": "塞拉利昂"
  }
 },
 {
  "iso2": "SG",
  "iso3": "SGP",
  "group": "asia_pacific",
  "names": {
   "ar": "سنغافورة",
   "en": "Singapore",
   "es": "Singapur",
   "fr": "Singapour",
   "ru": "Сингапур",
   "zh": "新加坡"
  }
 },
 {
  "iso2": "SK",
  "iso3": "SVK",
  "group": "eastern_european",
  "names": {
   "ar": "سلوفاكيا",
   "en": "Slovakia",
   "es": "Eslovaquia",
   "fr": "Slovaquie",
   "ru": "Словакия",
   "zh": "斯洛伐克"
  }
 },
 {
  "iso2": "SI",
  "iso3": "SVN",
  "group": "eastern_european",
  "names": {
   "ar": "سلوفينيا",
   "en": "Slovenia",
   "es": "Eslovenia",
   "fr": "Slovénie",
   "ru": "Словения",
   "zh": "斯洛文尼亚"
  }
 },
 {
  "iso2": "SB",
  "iso3": "SLB",
  "group": "asia_pacific",
  "names": {
   "ar": "جزر سليمان",
   "en": "Solomon Islands",
   "es": "Islas Salomón",
   "fr": "Îles Salomon",
   "ru": "Соломоновы Острова",
   "zh": "所罗门群岛"
  }
 },
 {
  "iso2": "SO",
  "iso3": "SOM",
  "group": "african",
  "names": {
   "ar": "الصومال",
   "en": "Somalia",
   "es": "Somalia",
   "fr": "Somalie",
   "ru": "Сомали",
   "zh": "索马里"
  }
 },
 {
  "iso2": "ZA",
  "iso3": "ZAF",
  "group": "african",
  "names": {
   "ar": "جنوب أفريقيا",
   "en": "South Africa",
   "es": "Sudáfrica",
   "fr": "Afrique du Sud",
   "ru": "ЮАР",
   "zh": "南非"
  }
 },
 {
  "iso2": "SS",
  "iso3": "SSD",
  "group": "african",
  "names": {
   "ar": "جنوب السودان",
   "en": "South Sudan",
   "es": "Sudán del Sur",
   "fr": "Soudan du Sud",
   "ru": "Южный Судан",
   "zh": "南苏丹"
  }
 },
 {
  "iso2": "ES",
  "iso3": "ESP",
  "group": "western_european_others",
  "names": {
   "ar": "إسبانيا",
   "en": "Spain",
   "es": "España",
   "fr": "Espagne",
   "ru": "Испания",
   "zh": "西班牙"
  }
 },
 {
  "iso2": "LK",
  "iso3": "LKA",
  "group": "asia_pacific",
  "names": {
   "ar": "سريلانكا",
   "en": "Sri Lanka",
   "es": "Sri Lanka",
   "fr": "Sri Lanka",
   "ru": "Шри-Ланка",
   "zh": "斯里兰卡"
  }
 },
 {
  "iso2": "SD",
  "iso3": "SDN",
  "group": "african",
  "names": {
   "ar": "السودان",
   "en": "Sudan",
   "es": "Sudán",
   "fr": "Soudan",
   "ru": "Судан",
   "zh": "苏丹"
  }
 },
 {
  "iso2": "SR",
  "iso3": "SUR",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "سورينام",
   "en": "Suriname",
   "es": "Suriname",
   "fr": "Suriname",
   "ru": "Суринам",
   "zh": "苏里南"
  }
 },
 {
  "iso2": "SE",
  "iso3": "SWE",
  "group": "western_european_others",
  "names": {
   "ar": "السويد",
   "en": "Sweden",
   "es": "Suecia",
   "fr": "Suède",
   "ru": "Швеция",
   "zh": "瑞典"
  }
 },
 {
  "iso2": "CH",
  "iso3": "CHE",
  "group": "western_european_others",
  "names": {
   "ar": "سويسرا",
   "en": "Switzerland",
   "es": "Suiza",
   "fr": "Suisse",
   "ru": "Швейцария",
   "zh": "瑞士"
  }
 },
 {
  "iso2": "SY",
  "iso3": "SYR",
  "group": "asia_pacific",
  "names": {
   "ar": "الجمهورية العربية السورية",
   "en": "Syrian Arab Republic",
   "es": "República Árabe Siria",
   "fr": "République arabe syrienne",
   "ru": "Сирийская Арабская Республика",
   "zh": "阿拉伯叙利亚共和国"
  }
 },
 {
  "iso2": "TJ",
  "iso3": "TJK",
  "group": "asia_pacific",
  "names": {
   "ar": "طاجيكستان",
   "en": "Tajikistan",
   "es": "Tayikistán",
   "fr": "Tadjikistan",
   "ru": "Таджикистан",
   "zh": "塔吉克斯坦"
  }
 },
 {
  "iso2": "TH",
  "iso3": "THA",
  "group": "asia_pacific",
  "names": {
   "ar": "تايلاند",
   "en": "Thailand",
   "es": "Tailandia",
   "fr": "Thaïlande",
   "ru": "Таиланд",
   "zh": "泰国"
  }
 },
 {
  "iso2": "TL",
  "iso3": "TLS",
  "group": "asia_pacific",
  "names": {
   "ar": "تيمور الشرقية",
   "en": "Timor-Leste",
   "es": "Timor-Leste",
   "fr": "Timor-Leste",
   "ru": "Восточный Тимор",
   "zh": "东帝汶"
  }
 },
 {
  "iso2": "TG",
  "iso3": "TGO",
  "group": "african",
  "names": {
   "ar": "توغو",
   "en": "Togo",
   "es": "Togo",
   "fr": "Togo",
   "ru": "Того",
   "zh": "多哥"
  }
 },
 {
  "iso2": "TO",
  "iso3": "TON",
  "group": "asia_pacific",
  "names": {
   "ar": "تونغا",
   "en": "Tonga",
   "es": "Tonga",
   "fr": "Tonga",
   "ru": "Тонга",
   "zh": "汤加"
  }
 },
 {
  "iso2": "TT",
  "iso3": "TTO",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "ترينيداد وتوباغو",
   "en": "Trinidad and Tobago",
   "es": "Trinidad y Tobago",
   "fr": "Trinité-et-Tobago",
   "ru": "Тринидад и Тобаго",
   "zh": "特立尼达和多巴哥"
  }
 },
 {
  "iso2": "TN",
  "iso3": "TUN",
  "group": "african",
  "names": {
   "ar": "تونس",
   "en": "Tunisia",
   "es": "Túnez",
   "fr": "Tunisie",
   "ru": "Тунис",
   "zh": "突尼斯"
  }
 },
 {
  "iso2": "TR",
  "iso3": "TUR",
  "group": "western_european_others",
  "names": {
   "ar": "تركيا",
   "en": "Türkiye",
   "es": "Türkiye",
   "fr": "Türkiye",
   "ru": "Турция",
   "zh": "土耳其"
  }
 },
 {
  "iso2": "TM",
  "iso3": "TKM",
  "group": "asia_pacific",
  "names": {
   "ar": "تركمانستان",
   "en": "Turkmenistan",
   "es": "Turkmenistán",
   "fr": "Turkménistan",
   "ru": "Туркмения",
   "zh": "土库曼斯坦"
  }
 },
 {
  "iso2": "TV",
  "iso3": "TUV",
  "group": "asia_pacific",
  "names": {
   "ar": "توفالو",
   "en": "Tuvalu",
   "es": "Tuvalu",
   "fr": "Tuvalu",
   "ru": "Тувалу",
   "zh": "图瓦卢"
  }
 },
 {
  "iso2": "UG",
  "iso3": "UGA",
  "group": "african",
  "names": {
   "ar": "أوغندا",
   "en": "Uganda",
   "es": "Uganda",
   "fr": "Ouganda",
   "ru": "Уганда",
   "zh": "乌干达"
  }
 },
 {
  "iso2": "UA",
  "iso3": "UKR",
  "group": "eastern_european",
  "names": {
   "ar": "أوكرانيا",
   "en": "Ukraine",
   "es": "Ucrania",
   "fr": "Ukraine",
   "ru": "Украина",
   "zh": "乌克兰"
  }
 },
 {
  "iso2": "AE",
  "iso3": "ARE",
  "group": "asia_pacific",
  "names": {
   "ar": "الإمارات العربية المتحدة",
   "en": "United Arab Emirates",
   "es": "Emiratos Árabes Unidos",
   "fr": "Émirats Arabes Unis",
   "ru": "ОАЭ",
   "zh": "阿联酋"
  }
 },
 {
  "iso2": "GB",
  "iso3": "GBR",
  "group": "western_european_others",
  "names": {
   "ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
   "en": "United Kingdom of Great Britain and Northern Ireland",
   "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
   "fr": "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
   "ru": "Соединенное Королевство Великобритании и Северной Ирландии",
   "zh": "大不列颠及北爱尔兰联合王国"
  }
 },
 {
  "iso2": "TZ",
  "iso3": "TZA",
  "group": "african",
  "names": {
   "ar": "جمهورية تنزانيا المتحدة",
   "en": "United Republic of Tanzania",
   "es": "República Unida de Tanzanía",
   "fr": "République-Unie de Tanzanie",
   "ru": "Объединенная Республика Танзания",
   "zh": "坦桑尼亚联合共和国"
  }
 },
 {
  "iso2": "US",
  "iso3": "USA",
  "group": "western_european_others",
  "names": {
   "ar": "الولايات المتحدة الأمريكية",
   "en": "United States of America",
   "es": "Estados Unidos de América",
   "fr": "États-Unis d’Amérique",
   "ru": "Соединенные Штаты Америки",
   "zh": "美利坚合众国"
  }
 },
 {
  "iso2": "UY",
  "iso3": "URY",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "الأوروغواي",
   "en": "Uruguay",
   "es": "Uruguay",
   "fr": "Uruguay",
   "ru": "Уругвай",
   "zh": "乌拉圭"
  }
 },
 {
  "iso2": "UZ",
  "iso3": "UZB",
  "group": "asia_pacific",
  "names": {
   "ar": "أوزبكستان",
   "en": "Uzbekistan",
   "es": "Uzbekistán",
   "fr": "Ouzbékistan",
   "ru": "Узбекистан",
   "zh": "乌兹别克斯坦"
  }
 },
 {
  "iso2": "VU",
  "iso3": "VUT",
  "group": "asia_pacific",
  "names": {
   "ar": "فانواتو",
   "en": "Vanuatu",
   "es": "Vanuatu",
   "fr": "Vanuatu",
   "ru": "Вануату",
   "zh": "瓦努阿图"
  }
 },
 {
  "iso2": "VE",
  "iso3": "VEN",
  "group": "latin_american_caribbean",
  "names": {
   "ar": "فنزويلا (جمهورية - البوليفارية)",
   "en": "Venezuela (Bolivarian Republic of)",
   "es": "Venezuela (República Bolivariana de)",
   "fr": "Venezuela (République bolivarienne du)",
   "ru": "Венесуэла (Боливарианская Республика)",
   "zh": "委内瑞拉玻利瓦尔共和国"
  }
 },
 {
  "iso2": "VN",
  "iso3": "VNM",
  "group": "asia_pacific",
  "names": {
   "ar": "فييت نام",
   "en": "Viet Nam",
   "es": "Viet Nam",
   "fr": "Viet Nam",
   "ru": "Вьетнам",
   "zh": "越南"
  }
 },
 {
  "iso2": "YE",
  "iso3": "YEM",
  "group": "asia_pacific",
  "names": {
   "ar": "اليمن",
   "en": "Yemen",
   "es": "Yemen",
   "fr": "Yémen",
   "ru": "Йемен",
   "zh": "也门"
  }
 },
 {
  "iso2": "ZM",
  "iso3": "ZMB",
  "group": "african",
  "names": {
   "ar": "زامبيا",
   "en": "Zambia",
   "es": "Zambia",
   "fr": "Zambie",
   "ru": "Замбия",
   "zh": "赞比亚"
  }
 },
 {
  "iso2": "ZW",
  "iso3": "ZWE",
  "group": "african",
  "names": {
   "ar": "زيمبابوي",
   "en": "Zimbabwe",
   "es": "Zimbabue",
   "fr": "Zimbabwe",
   "ru": "Зимбабве",
   "zh": "津巴布韦"
  }
 }
];
