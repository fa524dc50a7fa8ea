/** What the demo's customers say, in English and Russian, as a shop's chats sound. */
export const OPENERS: { name: string; lines: string[] }[] = [
  {
    name: 'Anna Petrova',
    lines: [
      'Здравствуйте! Букет из белых роз на завтра можно заказать?',
      'К 10 утра успеете?',
      'Спасибо, жду счёт 🙏',
    ],
  },
  {
    name: 'James Carter',
    lines: [
      'Hi, is the blue jacket still available in M?',
      'Great, can you ship to Manchester?',
      'Perfect, I will pay by card',
    ],
  },
  {
    name: 'Мария Иванова',
    lines: [
      'Добрый день, заказ 1042 уже отправили?',
      'Трек-номер пришлите, пожалуйста',
      'Получила, всё отлично!',
    ],
  },
  {
    name: 'Lucía Gómez',
    lines: [
      'Hello! Do you have gift wrapping?',
      'Can I add a card with a message?',
      'Thank you so much 😊',
    ],
  },
  { name: 'Дмитрий', lines: ['Можно оплатить при получении?', 'А доставка в выходные работает?'] },
  {
    name: 'Priya Shah',
    lines: [
      'The parcel arrived damaged 😕',
      'I attached a photo',
      'A replacement would be great, thanks',
    ],
  },
  { name: 'Tom Becker', lines: ['Do you deliver to Berlin?', 'How long does it take?'] },
  {
    name: 'Светлана',
    lines: [
      'Здравствуйте, пишу вам в MAX',
      'Можно забрать заказ самовывозом?',
      'Спасибо, до встречи!',
    ],
  },
];

export const REPLIES_HISTORY: { from: 'in' | 'out'; text: string }[] = [
  { from: 'in', text: 'Good morning! Are you open today?' },
  { from: 'out', text: 'Good morning! Yes, until 8 pm.' },
  { from: 'in', text: 'Отлично, заеду после работы' },
  { from: 'out', text: 'Ждём вас! Заказ будет готов к 18:00 🙏 :)' },
];
